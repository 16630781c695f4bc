/** The `event:` name of a newly stored status. */
export const STATUS_EVENT_NAME = 'status';

/** A comment line: clients ignore it, proxies see traffic. */
export const SSE_HEARTBEAT = ': heartbeat\n\n';

/** Headers of an event stream; `X-Accel-Buffering` keeps nginx-style proxies from buffering it. */
export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
} as const;

/** How long a client waits before it reconnects, as the stream's first line tells it. */
export function formatSseRetry(milliseconds: number): string {
  return `retry: ${milliseconds.toString()}\n\n`;
}

/**
 * One event in the `text/event-stream` format. `data` is JSON, which never holds a raw line
 * break (`JSON.stringify` escapes them), so it is one `data:` line.
 */
export function formatSseEvent(id: string, event: string, data: unknown): string {
  return `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
