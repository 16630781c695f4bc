import { FixedWindowThrottlerStorage } from './fixed-window.storage';

describe('FixedWindowThrottlerStorage', () => {
  let now: number;
  let storage: FixedWindowThrottlerStorage;

  beforeEach(() => {
    now = 1_000_000;
    storage = new FixedWindowThrottlerStorage(() => now);
  });

  it('counts hits per key and blocks past the limit until the window ends', async () => {
    expect(await storage.increment('a', 60_000, 2)).toEqual({
      totalHits: 1,
      timeToExpire: 60,
      isBlocked: false,
      timeToBlockExpire: 0,
    });
    expect((await storage.increment('a', 60_000, 2)).isBlocked).toBe(false);
    now += 15_000;
    expect(await storage.increment('a', 60_000, 2)).toEqual({
      totalHits: 3,
      timeToExpire: 45,
      isBlocked: true,
      timeToBlockExpire: 45,
    });
    expect((await storage.increment('b', 60_000, 2)).isBlocked).toBe(false);
  });

  it('starts a new window once the old one ended', async () => {
    for (let hit = 0; hit < 3; hit++) {
      await storage.increment('a', 60_000, 2);
    }
    now += 60_000;
    expect(await storage.increment('a', 60_000, 2)).toMatchObject({
      totalHits: 1,
      isBlocked: false,
    });
  });

  it('forgets clients whose window ended, at most once a minute', async () => {
    await storage.increment('a', 1_000, 5);
    await storage.increment('b', 120_000, 5);
    now += 30_000;
    await storage.increment('c', 1_000, 5);
    expect(storage.size).toBe(3);
    now += 30_000;
    await storage.increment('c', 1_000, 5);
    expect(storage.size).toBe(2);
  });
});
