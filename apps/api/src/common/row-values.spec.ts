import { formatTimestamp } from '@payload-tracker/status-lifecycle';
import { timestampFromDatabase } from './row-values';

/** `timestamptz` text as a UTC session prints it: no trailing zeros, no fraction when whole. */
function postgresText(micros: bigint): string {
  const contract = formatTimestamp(micros); // YYYY-MM-DDTHH:MM:SS.ffffffZ
  const fraction = contract.slice(20, 26).replace(/0+$/, '');
  return `${contract.slice(0, 10)} ${contract.slice(11, 19)}${fraction === '' ? '' : `.${fraction}`}+00`;
}

describe('timestampFromDatabase', () => {
  it.each([
    ['2026-11-28 10:00:00.123456+00', '2026-11-28T10:00:00.123456Z'],
    ['2026-11-28 10:00:00.1234+00', '2026-11-28T10:00:00.123400Z'],
    ['2026-11-28 10:00:00+00', '2026-11-28T10:00:00.000000Z'],
    ['0999-01-01 00:00:00.5+00', '0999-01-01T00:00:00.500000Z'],
    ['2026-11-28 11:00:00.000001+01', '2026-11-28T10:00:00.000001Z'],
  ])('re-emits %s as %s', (text, expected) => {
    expect(timestampFromDatabase(text)).toBe(expected);
  });

  it('agrees with the full parser on any instant', () => {
    let micros = 1_700_000_000_123_456n;
    for (let i = 0; i < 2_000; i++) {
      micros += BigInt(Math.floor(Math.random() * 9_999_999_999)) * (i % 7 === 0 ? 10n : 1n);
      expect(timestampFromDatabase(postgresText(micros))).toBe(formatTimestamp(micros));
    }
  });

  it('refuses text that is not a timestamp', () => {
    expect(() => timestampFromDatabase('yesterday')).toThrow('Unexpected timestamp text');
  });
});
