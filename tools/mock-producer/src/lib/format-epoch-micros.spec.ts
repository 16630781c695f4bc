import { formatEpochMicros } from './format-epoch-micros';

describe('formatEpochMicros', () => {
  it.each([
    [1_795_860_000_123_456n, '2026-11-28T10:00:00.123456Z'],
    [0n, '1970-01-01T00:00:00.000000Z'],
    [999n, '1970-01-01T00:00:00.000999Z'],
    [-1n, '1969-12-31T23:59:59.999999Z'],
  ])('formats %p as %s', (micros, text) => {
    expect(formatEpochMicros(micros)).toBe(text);
  });
});
