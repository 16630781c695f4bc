import { StatusLifecycleError } from './status-lifecycle.error';
import { MAX_EPOCH_MICROS, MIN_EPOCH_MICROS, formatTimestamp, parseTimestamp } from './timestamp';

/** 2026-11-28T10:00:00Z in epoch microseconds, computed independently of the code under test. */
const BASE = BigInt(Date.UTC(2026, 10, 28, 10, 0, 0)) * 1000n;

describe('parseTimestamp', () => {
  it.each([
    ['RFC 3339 with Z', '2026-11-28T10:00:00Z', BASE],
    ['lower-case t and z', '2026-11-28t10:00:00z', BASE],
    ['space instead of T', '2026-11-28 10:00:00Z', BASE],
    ['no offset means UTC', '2026-11-28T10:00:00', BASE],
    ['space and no offset', '2026-11-28 10:00:00', BASE],
    ['milliseconds', '2026-11-28T10:00:00.123Z', BASE + 123_000n],
    ['microseconds', '2026-11-28T10:00:00.123456Z', BASE + 123_456n],
    ['one fractional digit', '2026-11-28T10:00:00.5Z', BASE + 500_000n],
    ['nanoseconds are truncated, not rounded', '2026-11-28T10:00:00.123456789Z', BASE + 123_456n],
    ['decimal comma (ISO 8601)', '2026-11-28T10:00:00,25Z', BASE + 250_000n],
    ['+hh:mm offset', '2026-11-28T12:00:00+02:00', BASE],
    ['+hhmm offset', '2026-11-28T12:00:00+0200', BASE],
    ['+hh offset', '2026-11-28T12:00:00+02', BASE],
    ['-hh:mm offset', '2026-11-28T05:30:00-04:30', BASE],
    ['-hhmm offset', '2026-11-28T05:30:00-0430', BASE],
    ['-hh offset', '2026-11-28T07:00:00-03', BASE],
    ['+00:00 offset', '2026-11-28T10:00:00+00:00', BASE],
    ['-00:00 offset', '2026-11-28T10:00:00-00:00', BASE],
    ['offset crossing midnight', '2026-11-29T01:00:00+15:00', BASE],
    ['fraction with offset', '2026-11-28T12:00:00.000001+02:00', BASE + 1n],
    ['PostgreSQL timestamptz text', '2026-11-28 10:00:00.123456+00', BASE + 123_456n],
    ['PostgreSQL timestamptz text without fraction', '2026-11-28 10:00:00+00', BASE],
    ['PostgreSQL text with a non-UTC session', '2026-11-28 15:30:00.5+05:30', BASE + 500_000n],
    ['surrounding whitespace', '  2026-11-28T10:00:00Z\n', BASE],
    ['leap day of a leap year', '2024-02-29T00:00:00Z', BigInt(Date.UTC(2024, 1, 29)) * 1000n],
    ['leap day of a 400-year', '2000-02-29T00:00:00Z', BigInt(Date.UTC(2000, 1, 29)) * 1000n],
    ['the epoch', '1970-01-01T00:00:00Z', 0n],
    ['before the epoch', '1969-12-31T23:59:59.999999Z', -1n],
    ['last instant of a day', '2026-11-28T23:59:59.999999Z', BASE + 14n * 3_600_000_000n - 1n],
    ['year 0001', '0001-01-01T00:00:00Z', -62_135_596_800_000_000n],
    ['the earliest instant', '0001-01-01T00:00:00Z', MIN_EPOCH_MICROS],
    ['the latest instant', '9999-12-31T23:59:59.999999Z', MAX_EPOCH_MICROS],
    ['an offset that stays inside year 0001', '0001-01-01T00:01:00+00:01', MIN_EPOCH_MICROS],
    [
      'an offset that stays inside year 9999',
      '9999-12-31T23:59:59.999999+00:01',
      MAX_EPOCH_MICROS - 60_000_000n,
    ],
  ])('accepts %s: %s', (_name, text, expected) => {
    expect(parseTimestamp(text)).toBe(expected);
  });

  it.each([
    ['epoch seconds', '1764324000'],
    ['epoch milliseconds', '1764324000000'],
    ['bare time', '10:00:00'],
    ['bare time with Z', '10:00:00Z'],
    ['date only', '2026-11-28'],
    ['missing seconds', '2026-11-28T10:00Z'],
    ['month-first US date', '11/28/2026 10:00:00'],
    ['day-first date', '28-11-2026T10:00:00Z'],
    ['RFC 2822', 'Sat, 28 Nov 2026 10:00:00 GMT'],
    ['basic format', '20261128T100000Z'],
    ['nonsense', 'yesterday'],
    ['empty', ''],
    ['blank', '   '],
    ['month 13', '2026-13-01T00:00:00Z'],
    ['month 0', '2026-00-10T00:00:00Z'],
    ['day 0', '2026-11-00T00:00:00Z'],
    ['day 31 in a 30-day month', '2026-11-31T00:00:00Z'],
    ['February 29 in a common year', '2026-02-29T00:00:00Z'],
    ['February 29 in a century year', '1900-02-29T00:00:00Z'],
    ['hour 24', '2026-11-28T24:00:00Z'],
    ['minute 60', '2026-11-28T10:60:00Z'],
    ['leap second 60', '2026-12-31T23:59:60Z'],
    ['year 0000', '0000-01-01T00:00:00Z'],
    ['offset hour 24', '2026-11-28T10:00:00+24:00'],
    ['offset minute 60', '2026-11-28T10:00:00+01:60'],
    ['offset with seconds', '2026-11-28T10:00:00+01:00:00'],
    ['single-digit offset', '2026-11-28T10:00:00+1'],
    ['dot without digits', '2026-11-28T10:00:00.Z'],
    ['single-digit month', '2026-1-28T10:00:00Z'],
    ['PostgreSQL BC year', '0044-03-15 12:00:00+00 BC'],
    ['two separators', '2026-11-28TT10:00:00Z'],
    ['non-ASCII digits', '２０２６-11-28T10:00:00Z'],
    ['trailing garbage', '2026-11-28T10:00:00Zjunk'],
    ['an offset that moves the instant past year 9999', '9999-12-31T23:59:59-00:01'],
    ['an offset that moves the instant before year 0001', '0001-01-01T00:00:00+00:01'],
  ])('refuses %s: %s', (_name, text) => {
    expect(parseTimestamp(text)).toBeNull();
  });
});

describe('formatTimestamp', () => {
  it.each([
    [BASE, '2026-11-28T10:00:00.000000Z'],
    [BASE + 123_456n, '2026-11-28T10:00:00.123456Z'],
    [BASE + 1n, '2026-11-28T10:00:00.000001Z'],
    [0n, '1970-01-01T00:00:00.000000Z'],
    [-1n, '1969-12-31T23:59:59.999999Z'],
    [BigInt(Date.UTC(2024, 1, 29, 23, 59, 59)) * 1000n, '2024-02-29T23:59:59.000000Z'],
    [BigInt(Date.UTC(9999, 11, 31, 23, 59, 59)) * 1000n + 999_999n, '9999-12-31T23:59:59.999999Z'],
  ])('formats %s as %s', (micros, expected) => {
    expect(formatTimestamp(micros)).toBe(expected);
  });

  it.each([
    '2026-11-28T10:00:00.123456Z',
    '2000-02-29T12:34:56.000001Z',
    '1969-07-20T20:17:40.000000Z',
    '0001-01-01T00:00:00.000000Z',
  ])('round-trips %s through parseTimestamp', (text) => {
    const sut = parseTimestamp(text);
    expect(sut).not.toBeNull();
    expect(formatTimestamp(sut ?? 0n)).toBe(text);
  });

  it('formats every instant parseTimestamp accepts, the bounds included', () => {
    expect(formatTimestamp(MIN_EPOCH_MICROS)).toBe('0001-01-01T00:00:00.000000Z');
    expect(formatTimestamp(MAX_EPOCH_MICROS)).toBe('9999-12-31T23:59:59.999999Z');
    expect(() => formatTimestamp(MAX_EPOCH_MICROS + 1n)).toThrow(StatusLifecycleError);
    expect(() => formatTimestamp(MIN_EPOCH_MICROS - 1n)).toThrow(StatusLifecycleError);
  });

  it('formats an offset timestamp in UTC', () => {
    expect(formatTimestamp(parseTimestamp('2026-11-28 15:30:00.5+05:30') ?? 0n)).toBe(
      '2026-11-28T10:00:00.500000Z',
    );
  });

  it.each([
    ['year 10000', BigInt(Date.UTC(10000, 0, 1)) * 1000n],
    ['year 0', -62_167_219_200_000_000n],
  ])('refuses to format %s', (_name, micros) => {
    expect(() => formatTimestamp(micros)).toThrow(StatusLifecycleError);
  });
});
