/** First pause after a failed attempt. */
export const INITIAL_BACKOFF_MS = 100;

/**
 * Exponential backoff: 100 ms, 200 ms, 400 ms ... capped at `maxMs`.
 *
 * @param attempt - 1 for the pause after the first failure
 */
export function backoffDelayMs(attempt: number, maxMs: number): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  return Math.min(INITIAL_BACKOFF_MS * 2 ** exponent, maxMs);
}
