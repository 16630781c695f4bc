import { formatHumanDuration, parseApiDuration } from './human-duration';

const SECOND = 1_000_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

describe('formatHumanDuration', () => {
  it.each([
    [0, '0 s'],
    [250, '250 µs'],
    [999, '999 µs'],
    [1_000, '1 ms'],
    [120_400, '120 ms'],
    [999_400, '999 ms'],
    [999_600, '1.0 s'],
    [5_625_000, '5.6 s'],
    [9_940_000, '9.9 s'],
    [9_960_000, '10 s'],
    [42 * SECOND, '42 s'],
    [59.7 * SECOND, '1 min 00 s'],
    [2 * MINUTE + 3 * SECOND, '2 min 03 s'],
    [59 * MINUTE + 59.6 * SECOND, '1 h 00 min'],
    [HOUR + 2 * MINUTE + 10 * SECOND, '1 h 02 min'],
    [23 * HOUR + 59 * MINUTE, '23 h 59 min'],
    [27 * HOUR + 3 * MINUTE, '1 d 03 h'],
    [-5_625_000, '-5.6 s'],
  ])('writes %d µs as %s', (micros, expected) => {
    expect(formatHumanDuration(micros)).toBe(expected);
  });

  it('takes the bigint microseconds the API durations parse to', () => {
    expect(formatHumanDuration(5_625_000n)).toBe('5.6 s');
  });
});

describe('parseApiDuration', () => {
  it.each([
    ['00:00:05.625000', 5_625_000n],
    ['00:02:03.000000', 123_000_000n],
    ['27:03:00.000000', (27n * 3600n + 180n) * 1_000_000n],
    ['123:00:00.000001', 123n * 3600n * 1_000_000n + 1n],
    ['-00:00:01.500000', -1_500_000n],
  ])('reads %s', (text, expected) => {
    expect(parseApiDuration(text)).toBe(expected);
  });

  it.each(['', '5.6 s', '0:00:05.625000', '00:60:00.000000', '00:00:05.62', '00:00:05'])(
    'refuses %p',
    (text) => {
      expect(parseApiDuration(text)).toBeNull();
    },
  );
});
