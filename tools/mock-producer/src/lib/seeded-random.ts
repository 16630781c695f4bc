/**
 * Small deterministic PRNG (mulberry32): the same seed gives the same traffic, so a benchmark or
 * a failing run can be replayed exactly. Not for anything secret.
 */
export class SeededRandom {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `probability`. */
  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) {
      throw new RangeError('pick() needs a non-empty list');
    }
    return item;
  }

  hex(length: number): string {
    let text = '';
    while (text.length < length) {
      text += this.int(0, 0xffff).toString(16).padStart(4, '0');
    }
    return text.slice(0, length);
  }

  /** A random version-4 UUID in its 32-hex-digit form (what the platform uses as request_id). */
  uuid4Hex(): string {
    const hex = this.hex(32);
    const variant = (8 + this.int(0, 3)).toString(16);
    return `${hex.slice(0, 12)}4${hex.slice(13, 16)}${variant}${hex.slice(17)}`;
  }

  /** A random version-4 UUID in its dashed form. */
  uuid4(): string {
    const hex = this.uuid4Hex();
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
}
