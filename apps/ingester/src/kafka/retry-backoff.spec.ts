import { backoffDelayMs } from './retry-backoff';

describe('backoffDelayMs', () => {
  it.each([
    [1, 10_000, 100],
    [2, 10_000, 200],
    [5, 10_000, 1600],
    [8, 10_000, 10_000],
    [1000, 10_000, 10_000],
    [3, 250, 250],
  ])('after attempt %i with a cap of %i ms waits at most %i ms', (attempt, cap, ceiling) => {
    expect(backoffDelayMs(attempt, cap, () => 0.999_999)).toBe(ceiling);
  });

  it.each([
    [1, 10_000, 0, 50],
    [1, 10_000, 0.5, 75],
    [5, 10_000, 0, 800],
    [5, 10_000, 0.25, 1000],
    [1000, 10_000, 0, 5000],
    [1000, 10_000, 0.5, 7500],
  ])(
    'after attempt %i with a cap of %i ms and a draw of %d waits %i ms (jitter over the upper half)',
    (attempt, cap, draw, expected) => {
      expect(backoffDelayMs(attempt, cap, () => draw)).toBe(expected);
    },
  );

  it('spreads the pauses of replicas that failed at the same attempt', () => {
    const pauses = new Set(Array.from({ length: 50 }, () => backoffDelayMs(8, 10_000)));

    expect(pauses.size).toBeGreaterThan(10);
    expect(Math.min(...pauses)).toBeGreaterThanOrEqual(5000);
    expect(Math.max(...pauses)).toBeLessThanOrEqual(10_000);
  });
});
