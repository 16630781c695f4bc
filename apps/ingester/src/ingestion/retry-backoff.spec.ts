import { backoffDelayMs } from './retry-backoff';

describe('backoffDelayMs', () => {
  it.each([
    [1, 10_000, 100],
    [2, 10_000, 200],
    [5, 10_000, 1600],
    [8, 10_000, 10_000],
    [1000, 10_000, 10_000],
    [3, 250, 250],
  ])('after attempt %i with a cap of %i ms waits %i ms', (attempt, cap, expected) => {
    expect(backoffDelayMs(attempt, cap)).toBe(expected);
  });
});
