import { CappedCountCache } from './capped-count.cache';

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
});
