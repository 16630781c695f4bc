import type { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface Window {
  /** Epoch ms when the window ends and the count starts again. */
  endsAt: number;
  hits: number;
}

/** Ended windows are dropped at most this often, so the map holds about a minute of clients. */
const SWEEP_INTERVAL_MS = 60_000;

/**
 * Rate-limit counters in fixed windows: one number per client and window, so a request costs
 * the same whatever the limit. The library's default storage keeps one timestamp per hit and
 * filters them on every request, which is linear in the limit (it was the api's biggest single
 * cost in the benchmark; see docs/benchmarks.md). A client may spend up to twice the limit
 * across a window boundary, the usual price of fixed windows.
 */
export class FixedWindowThrottlerStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();
  private nextSweepAt: number;

  constructor(private readonly now: () => number = Date.now) {
    this.nextSweepAt = now() + SWEEP_INTERVAL_MS;
  }

  /** Counts a hit on `key`; past `limit` hits the key stays blocked until its window ends. */
  increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    const now = this.now();
    if (now >= this.nextSweepAt) {
      this.sweep(now);
    }
    let window = this.windows.get(key);
    if (window === undefined || window.endsAt <= now) {
      window = { endsAt: now + ttl, hits: 0 };
      this.windows.set(key, window);
    }
    window.hits += 1;
    const secondsLeft = Math.ceil((window.endsAt - now) / 1000);
    const isBlocked = window.hits > limit;
    return Promise.resolve({
      totalHits: window.hits,
      timeToExpire: secondsLeft,
      isBlocked,
      timeToBlockExpire: isBlocked ? secondsLeft : 0,
    });
  }

  /** Clients with a window still open or not yet swept. */
  get size(): number {
    return this.windows.size;
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) {
      if (window.endsAt <= now) {
        this.windows.delete(key);
      }
    }
    this.nextSweepAt = now + SWEEP_INTERVAL_MS;
  }
}
