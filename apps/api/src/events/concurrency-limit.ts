/**
 * Runs at most `limit` tasks at once, the others in arrival order: a burst of woken streams
 * (a reconnected LISTEN wakes them all) queues here instead of taking the whole pool from the
 * REST requests.
 */
export class ConcurrencyLimit {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next === undefined) {
        this.running -= 1;
      } else {
        // The slot passes to the next task as it is.
        next();
      }
    }
  }
}
