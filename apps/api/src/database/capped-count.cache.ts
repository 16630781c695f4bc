/**
 * Remembers for a short while which count statements reached the counting cap. Only the
 * retention job deletes rows, so a filter that matched more than the cap keeps doing so (at
 * worst for the time to live after retention ran); re-counting 10,001 rows for every page of
 * a broad list was most of the database's work under load (docs/benchmarks.md, "API").
 * Counts below the cap are never remembered: they must be exact and move with every insert.
 */
export class CappedCountCache {
  private readonly expiries = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether `key` reached the cap less than `ttlMs` ago. */
  isCapped(key: string): boolean {
    const expiry = this.expiries.get(key);
    if (expiry === undefined) {
      return false;
    }
    if (expiry <= this.now()) {
      this.expiries.delete(key);
      return false;
    }
    return true;
  }

  /** Records that `key` reached the cap; the oldest entry goes when the cache is full. */
  rememberCapped(key: string): void {
    this.expiries.delete(key);
    if (this.expiries.size >= this.maxEntries) {
      const oldest = this.expiries.keys().next();
      if (oldest.done !== true) {
        this.expiries.delete(oldest.value);
      }
    }
    this.expiries.set(key, this.now() + this.ttlMs);
  }
}
