/** Ceiling of the first pause after a failed attempt. */
export const INITIAL_BACKOFF_MS = 100;

/**
 * Capped exponential backoff with jitter: the ceiling doubles from 100 ms up to `maxMs`, and
 * the pause is a random point in its upper half ("equal jitter"). Replicas that failed
 * together (a database restart) then do not retry in lockstep, and no pause is shorter than
 * half its ceiling.
 *
 * @param attempt - 1 for the pause after the first failure
 * @param random - a number in [0, 1); `Math.random` outside tests
 */
export function backoffDelayMs(
  attempt: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const ceiling = Math.min(INITIAL_BACKOFF_MS * 2 ** exponent, maxMs);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
