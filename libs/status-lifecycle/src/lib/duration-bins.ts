/*
 * Log-spaced bins for the durations of closed groups, the resolution of the percentiles of
 * `GET /stats/services`. The bounds are integers (microseconds) so PostgreSQL's
 * `width_bucket(value, bounds)` and {@link durationBinOf} place every value in the same bin.
 */

/** Lower bound of bin 1: durations under a millisecond share bin 0. */
const FIRST_BOUND_MICROS = 1_000;

/** Each bin is this much wider than the one before. */
export const DURATION_BIN_RATIO = 1.18;

/** Number of bins (the length of a stored histogram). */
export const DURATION_BIN_COUNT = 128;

/**
 * The `DURATION_BIN_COUNT - 1` ascending bounds, in microseconds: bin `i` holds durations in
 * `[bounds[i-1], bounds[i])`, bin 0 those under `bounds[0]` (1 ms), the last bin everything
 * from `bounds[126]` (about 13 days) on.
 */
export const DURATION_BIN_BOUNDS_MICROS: readonly number[] = Array.from(
  { length: DURATION_BIN_COUNT - 1 },
  (_unused, index) => Math.round(FIRST_BOUND_MICROS * DURATION_BIN_RATIO ** index),
);

const BOUNDS: readonly bigint[] = DURATION_BIN_BOUNDS_MICROS.map((bound) => BigInt(bound));

function boundAt(index: number): bigint {
  return BOUNDS[Math.max(0, Math.min(index, BOUNDS.length - 1))] ?? 0n;
}

/** The bin of a duration, as `width_bucket(micros, bounds)` numbers it. */
export function durationBinOf(micros: bigint): number {
  let low = 0;
  let high = BOUNDS.length;
  // The number of bounds <= micros.
  while (low < high) {
    const middle = (low + high) >> 1;
    if (boundAt(middle) <= micros) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}

/**
 * The duration a bin reports: its upper bound (so a percentile reads "at most"), or the lower
 * bound of the last, open-ended bin.
 */
export function durationBinValueMicros(bin: number): bigint {
  return boundAt(bin);
}

/**
 * A percentile from a histogram: the reported value of the bin holding the rank
 * `ceil(p × total)`.
 *
 * @param counts - count per bin, `DURATION_BIN_COUNT` long (negative entries are not expected)
 * @param percentile - in (0, 1]
 * @returns `null` for an empty histogram
 */
export function histogramPercentileMicros(
  counts: readonly number[],
  percentile: number,
): bigint | null {
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (total <= 0) {
    return null;
  }
  const rank = Math.max(1, Math.ceil(percentile * total));
  let seen = 0;
  for (const [bin, count] of counts.entries()) {
    seen += count;
    if (seen >= rank) {
      return durationBinValueMicros(bin);
    }
  }
  return durationBinValueMicros(counts.length - 1);
}
