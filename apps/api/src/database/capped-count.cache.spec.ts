import { CappedCountCache } from './capped-count.cache';
import type { RangeBound } from './capped-count.cache';

const lower = (micros: number): RangeBound => ({ side: 'lower', micros: BigInt(micros) });
const upper = (micros: number): RangeBound => ({ side: 'upper', micros: BigInt(micros) });

describe('CappedCountCache', () => {
  let now: number;
  const clock = (): number => now;

  beforeEach(() => {
    now = 1_000;
  });

  it('knows nothing of a key it was not told about', () => {
    const sut = new CappedCountCache(10_000, 10, clock);
    expect(sut.isCapped('a')).toBe(false);
  });

  it('remembers a capped key until its time to live has passed', () => {
    const sut = new CappedCountCache(10_000, 10, clock);
    sut.rememberCapped('a');
    now += 9_999;
    expect(sut.isCapped('a')).toBe(true);
    now += 1;
    expect(sut.isCapped('a')).toBe(false);
  });

  it('forgets the oldest key when full', () => {
    const sut = new CappedCountCache(10_000, 2, clock);
    sut.rememberCapped('a');
    sut.rememberCapped('b');
    sut.rememberCapped('c');
    expect([sut.isCapped('a'), sut.isCapped('b'), sut.isCapped('c')]).toEqual([false, true, true]);
  });

  it('renews a key remembered again', () => {
    const sut = new CappedCountCache(10_000, 2, clock);
    sut.rememberCapped('a');
    now += 6_000;
    sut.rememberCapped('a');
    sut.rememberCapped('b');
    now += 6_000;
    expect(sut.isCapped('a')).toBe(true);
  });

  it('answers for every range containing a capped one, and only those', () => {
    const sut = new CappedCountCache(10_000, 10, clock);
    sut.rememberCapped('after', [lower(500)]);
    expect(sut.isCapped('after', [lower(500)])).toBe(true);
    expect(sut.isCapped('after', [lower(100)])).toBe(true);
    expect(sut.isCapped('after', [lower(501)])).toBe(false);
    expect(sut.isCapped('other statement', [lower(100)])).toBe(false);

    sut.rememberCapped('before', [upper(500)]);
    expect(sut.isCapped('before', [upper(900)])).toBe(true);
    expect(sut.isCapped('before', [upper(499)])).toBe(false);

    sut.rememberCapped('window', [lower(100), upper(200)]);
    expect(sut.isCapped('window', [lower(50), upper(250)])).toBe(true);
    expect(sut.isCapped('window', [lower(150), upper(250)])).toBe(false);
    expect(sut.isCapped('window', [lower(50), upper(150)])).toBe(false);
  });

  it('keeps the widest-reaching capped ranges of a key, each for its own time to live', () => {
    const sut = new CappedCountCache(10_000, 10, clock);
    sut.rememberCapped('after', [lower(100)]);
    now += 5_000;
    sut.rememberCapped('after', [lower(300)]); // supersedes lower(100)
    now += 6_000;
    expect(sut.isCapped('after', [lower(200)])).toBe(true);
    now += 5_000;
    expect(sut.isCapped('after', [lower(0)])).toBe(false);
  });
});
