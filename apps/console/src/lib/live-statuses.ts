import type { StatusEvent } from './api-types';

/** How the live stream stands: opening or reconnecting, open, or not offered by the API. */
export type LiveState = 'connecting' | 'live' | 'unavailable';

/** What a live subscription tells its page. */
export interface LiveHandlers {
  readonly onStatus: (event: StatusEvent) => void;
  readonly onState: (state: LiveState) => void;
}

/**
 * Follows one payload's event stream (`event: status`, the data `{status, summary}`: the new
 * status row and the payload's summary after it). EventSource reconnects by itself after a dropped connection, sending the last
 * `id:` it saw as `Last-Event-ID`; an answer other than a stream (a 404 from an api without
 * the endpoint) closes it for good, and the page simply has no live updates. Returns the
 * function that stops following.
 */
export function followStatuses(url: string, handlers: LiveHandlers): () => void {
  if (typeof EventSource === 'undefined') {
    handlers.onState('unavailable');
    return () => undefined;
  }
  const source = new EventSource(url);
  handlers.onState('connecting');
  source.addEventListener('open', () => handlers.onState('live'));
  source.addEventListener('error', () =>
    handlers.onState(source.readyState === EventSource.CLOSED ? 'unavailable' : 'connecting'),
  );
  source.addEventListener('status', (message: MessageEvent<string>) => {
    let data: { status?: Omit<StatusEvent, 'summary'>; summary?: StatusEvent['summary'] };
    try {
      data = JSON.parse(message.data) as typeof data;
    } catch {
      // A frame that is not JSON cannot be shown; the next load of the page has it anyway.
      return;
    }
    const { status, summary } = data;
    if (typeof status?.id === 'number' && typeof summary === 'object') {
      handlers.onStatus({ ...status, summary });
    }
  });
  return () => source.close();
}
