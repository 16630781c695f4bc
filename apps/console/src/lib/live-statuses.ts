import type { StatusEvent } from './api-types';

/** How the live stream stands: opening or reconnecting, open, or not offered by the API. */
export type LiveState = 'connecting' | 'live' | 'unavailable';

/** What a live subscription tells its page. */
export interface LiveHandlers {
  readonly onStatus: (event: StatusEvent) => void;
  readonly onState: (state: LiveState) => void;
}

/**
 * Follows one payload's event stream (`event: status`, the data a status row plus the new
 * summary). EventSource reconnects by itself after a dropped connection, sending the last
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
    let event: StatusEvent;
    try {
      event = JSON.parse(message.data) as StatusEvent;
    } catch {
      // A frame that is not JSON cannot be shown; the next load of the page has it anyway.
      return;
    }
    if (typeof event.id === 'number' && typeof event.summary === 'object') {
      handlers.onStatus(event);
    }
  });
  return () => source.close();
}
