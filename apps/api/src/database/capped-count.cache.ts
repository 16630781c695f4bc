/** One timestamp bound of a count statement, in epoch microseconds. */
export interface RangeBound {
  readonly side: 'lower' | 'upper';
  readonly micros: bigint;
}

interface CappedRanges {
  readonly bounds: readonly RangeBound[];
  readonly expiresAt: number;
}

/** Capped ranges kept per statement and equality filters (the newest win). */
const RANGES_PER_KEY = 16;

/**
 * Remembers for a short while which counts reached the counting cap. Only the retention job
 * deletes rows, so a filter that matched more than the cap keeps doing so (at worst for the
 * time to live after retention ran), and so does every wider filter: the same statement and
 * equality values with each timestamp range containing a capped one (`created_at > X` for any
 * X below a capped bound). Re-counting 10,001 rows for every page of a broad list was most of
 * the database's work under load (docs/benchmarks.md, "API"). Counts below the cap are never
 * remembered: they must be exact and move with every insert.
 *
 * `key` names the statement text and its non-range values; `bounds` are its range values in
 * statement order, so two sets of bounds under one key always have the same sides and operators.
 */
export class CappedCountCache {
  private readonly entries = new Map<string, CappedRanges[]>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxKeys: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether `bounds` contain ranges that reached the cap less than `ttlMs` ago. */
  isCapped(key: string, bounds: readonly RangeBound[] = []): boolean {
    const ranges = this.entries.get(key);
    if (ranges === undefined) {
      return false;
    }
    const now = this.now();
    const live = ranges.filter((range) => range.expiresAt > now);
    if (live.length === 0) {
      this.entries.delete(key);
      return false;
    }
    if (live.length !== ranges.length) {
      this.entries.set(key, live);
    }
    return live.some((range) => contains(bounds, range.bounds));
  }

  /** Records that `bounds` reached the cap; the key least recently recorded goes when full. */
  rememberCapped(key: string, bounds: readonly RangeBound[] = []): void {
    const now = this.now();
    const ranges = (this.entries.get(key) ?? []).filter(
      (range) => range.expiresAt > now && !contains(bounds, range.bounds),
    );
    this.entries.delete(key);
    if (this.entries.size >= this.maxKeys) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) {
        this.entries.delete(oldest.value);
      }
    }
    ranges.push({ bounds, expiresAt: now + this.ttlMs });
    this.entries.set(key, ranges.slice(-RANGES_PER_KEY));
  }
}

/** Whether the ranges of `outer` contain those of `inner` (same sides, in the same order). */
function contains(outer: readonly RangeBound[], inner: readonly RangeBound[]): boolean {
  return (
    outer.length === inner.length &&
    outer.every((bound, index) => {
      const other = inner[index];
      if (other?.side !== bound.side) {
        return false;
      }
      return bound.side === 'lower' ? bound.micros <= other.micros : bound.micros >= other.micros;
    })
  );
}
