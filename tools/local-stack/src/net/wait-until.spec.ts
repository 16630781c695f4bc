import { waitUntil } from './wait-until';

describe('waitUntil', () => {
  it('returns the first successful probe result', async () => {
    let calls = 0;
    const sut = waitUntil(
      'thing',
      () => {
        calls += 1;
        return calls < 3 ? Promise.reject(new Error('not yet')) : Promise.resolve('ready');
      },
      { intervalMs: 1 },
    );
    await expect(sut).resolves.toBe('ready');
    expect(calls).toBe(3);
  });

  it('names the thing and the last error when time runs out', async () => {
    const sut = waitUntil('broker', () => Promise.reject(new Error('connection refused')), {
      timeoutMs: 20,
      intervalMs: 5,
    });
    await expect(sut).rejects.toThrow(
      /broker did not become ready within 20 ms: connection refused/,
    );
  });
});
