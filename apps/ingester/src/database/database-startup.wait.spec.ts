import { waitForDatabase } from './database-startup.wait';

describe('waitForDatabase', () => {
  function logger(): { info: jest.Mock; warn: jest.Mock } {
    return { info: jest.fn(), warn: jest.fn() };
  }

  it('returns at once when the database answers, logging nothing', async () => {
    const log = logger();
    const sleep = jest.fn(() => Promise.resolve());

    const attempts = await waitForDatabase(
      { isReachable: () => Promise.resolve(true) },
      { maxBackoffMs: 1000, logger: log, sleep },
    );

    expect(attempts).toBe(1);
    expect(sleep).not.toHaveBeenCalled();
    expect(log.warn).not.toHaveBeenCalled();
  });

  it('retries with a growing, capped backoff, each failure a WARN with its delay', async () => {
    const log = logger();
    const delays: number[] = [];
    const answers = [false, false, false, false, false, true];

    const attempts = await waitForDatabase(
      { isReachable: () => Promise.resolve(answers.shift() ?? true) },
      {
        maxBackoffMs: 400,
        logger: log,
        random: () => 0.999,
        sleep: (ms) => {
          delays.push(ms);
          return Promise.resolve();
        },
      },
    );

    expect(attempts).toBe(6);
    expect(delays).toEqual([100, 200, 400, 400, 400]);
    expect(log.warn).toHaveBeenCalledTimes(5);
    expect(log.warn).toHaveBeenNthCalledWith(
      3,
      expect.objectContaining({ attempt: 3, delayMs: 400 }),
      expect.stringContaining('database unreachable'),
    );
    expect(log.info).toHaveBeenCalledWith(
      expect.objectContaining({ attempt: 6 }),
      expect.stringContaining('joining'),
    );
  });
});
