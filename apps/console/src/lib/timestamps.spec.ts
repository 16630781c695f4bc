import { formatAge, formatClockTime, formatDateTime } from './timestamps';

describe('timestamps for people', () => {
  it('writes the date and time in UTC', () => {
    expect(formatDateTime('2026-11-28T10:00:00.123456Z')).toBe('2026-11-28 10:00:00 UTC');
    expect(formatDateTime('garbage')).toBe('garbage');
  });

  it.each([
    ['2026-11-28T10:00:00.123456Z', '10:00:00.123'],
    ['2026-11-28T10:00:00.1Z', '10:00:00.100'],
    ['2026-11-28T10:00:00Z', '10:00:00.000'],
  ])('writes the time of %s as %s', (timestamp, expected) => {
    expect(formatClockTime(timestamp)).toBe(expected);
  });

  it('writes how long ago it was', () => {
    const now = Date.parse('2026-11-28T10:05:00.000Z');
    expect(formatAge('2026-11-28T10:02:58.000000Z', now)).toBe('2 min 02 s ago');
    expect(formatAge('2026-11-28T10:04:59.500000Z', now)).toBe('just now');
  });
});
