import {
  DURATION_BIN_BOUNDS_MICROS,
  DURATION_BIN_COUNT,
  durationBinOf,
  durationBinValueMicros,
  histogramPercentileMicros,
} from './duration-bins';

describe('duration bins', () => {
  it('has ascending bounds, 18 % apart from 1 ms', () => {
    expect(DURATION_BIN_BOUNDS_MICROS).toHaveLength(DURATION_BIN_COUNT - 1);
    expect(DURATION_BIN_BOUNDS_MICROS[0]).toBe(1_000);
    for (const [index, bound] of DURATION_BIN_BOUNDS_MICROS.entries()) {
      if (index > 0) {
        expect(bound).toBeGreaterThan(DURATION_BIN_BOUNDS_MICROS[index - 1] ?? Infinity);
      }
    }
  });

  it('numbers bins as width_bucket does: the count of bounds at or below the value', () => {
    expect(durationBinOf(0n)).toBe(0);
    expect(durationBinOf(999n)).toBe(0);
    expect(durationBinOf(1_000n)).toBe(1);
    expect(durationBinOf(1_179n)).toBe(1);
    expect(durationBinOf(1_180n)).toBe(2);
    expect(durationBinOf(10n ** 15n)).toBe(DURATION_BIN_COUNT - 1);
  });

  it('reports a bin by its upper bound, the open last bin by its lower bound', () => {
    expect(durationBinValueMicros(0)).toBe(1_000n);
    expect(durationBinValueMicros(1)).toBe(1_180n);
    expect(durationBinValueMicros(DURATION_BIN_COUNT - 1)).toBe(
      BigInt(DURATION_BIN_BOUNDS_MICROS.at(-1) ?? 0),
    );
  });

  it('reads a percentile from the bin holding its rank, within one bin of the true value', () => {
    const durations = Array.from({ length: 1000 }, (_unused, index) => BigInt((index + 1) * 1_000));
    const counts = new Array<number>(DURATION_BIN_COUNT).fill(0);
    for (const duration of durations) {
      const bin = durationBinOf(duration);
      counts[bin] = (counts[bin] ?? 0) + 1;
    }
    const p50 = histogramPercentileMicros(counts, 0.5) ?? 0n;
    expect(p50).toBeGreaterThanOrEqual(500_000n);
    expect(Number(p50)).toBeLessThanOrEqual(500_000 * 1.18);
    expect(histogramPercentileMicros(counts, 1)).toBeGreaterThanOrEqual(1_000_000n);
    expect(
      histogramPercentileMicros(new Array<number>(DURATION_BIN_COUNT).fill(0), 0.5),
    ).toBeNull();
  });
});
