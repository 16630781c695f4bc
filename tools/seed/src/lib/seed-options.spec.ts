import { parseSeedOptions } from './seed-options';

const ENV = { DATABASE_URL: 'postgres://u:p@localhost/db' };

describe('parseSeedOptions', () => {
  it('defaults to 1M payloads, 10M statuses over 7 days in chunks of 50k on 2 connections', () => {
    expect(parseSeedOptions([], ENV)).toEqual({
      databaseUrl: ENV.DATABASE_URL,
      payloads: 1_000_000,
      statuses: 10_000_000,
      days: 7,
      chunk: 50_000,
      jobs: 2,
      errorShare: 0.05,
      stallShare: 0.03,
      isTruncate: false,
      isVacuum: true,
      isHelp: false,
    });
  });

  it('takes the window from RETENTION_DAYS unless --days is given', () => {
    expect(parseSeedOptions([], { ...ENV, RETENTION_DAYS: '3' }).days).toBe(3);
    expect(parseSeedOptions(['--days', '2'], { ...ENV, RETENTION_DAYS: '3' }).days).toBe(2);
  });

  it('reads every flag', () => {
    const sut = parseSeedOptions(
      [
        '--payloads',
        '2_000',
        '--statuses-per-payload',
        '4',
        '--chunk',
        '500',
        '--jobs',
        '1',
        '--error-share',
        '0.5',
        '--stall-share',
        '0.25',
        '--truncate',
        '--no-vacuum',
      ],
      ENV,
    );

    expect(sut).toMatchObject({
      payloads: 2000,
      statuses: 8000,
      chunk: 500,
      jobs: 1,
      errorShare: 0.5,
      stallShare: 0.25,
      isTruncate: true,
      isVacuum: false,
    });
  });

  it('takes a total number of statuses', () => {
    expect(parseSeedOptions(['--payloads', '10', '--statuses', '77'], ENV).statuses).toBe(77);
  });

  it.each([
    [['--payloads', '0'], '--payloads'],
    [['--payloads', '1.5'], '--payloads'],
    [['--payloads', '10', '--statuses', '9'], '--statuses'],
    [['--statuses', '10', '--statuses-per-payload', '2'], '--statuses'],
    [['--days', 'week'], '--days'],
    [['--error-share', '-1'], '--error-share'],
    [['--stall-share', '1.5'], '--stall-share'],
    [['--stall-share', ''], '--stall-share'],
    [['--error-share', '0.6', '--stall-share', '0.5'], 'add up to at most 1'],
  ])('refuses %j naming the flag', (argv, flag) => {
    expect(() => parseSeedOptions(argv, ENV)).toThrow(flag);
  });

  it('requires DATABASE_URL except for --help', () => {
    expect(() => parseSeedOptions([], {})).toThrow('DATABASE_URL');
    expect(parseSeedOptions(['--help'], {}).isHelp).toBe(true);
  });
});
