import { formatTimestamp, parseTimestamp } from '@payload-tracker/status-lifecycle';

/** What a UTC session prints for a `timestamptz` of years 1000 to 9999; fractions lose trailing zeros. */
const UTC_TIMESTAMP_TEXT = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?\+00$/;

/**
 * Re-emits PostgreSQL's `timestamptz` text (`2026-11-28 10:00:00.1234+00`) in the contract's
 * form (`2026-11-28T10:00:00.123400Z`), microseconds intact. The usual text is rearranged as
 * it stands (every row of every response goes through here); anything else takes the full
 * parser.
 */
export function timestampFromDatabase(text: string): string {
  const match = UTC_TIMESTAMP_TEXT.exec(text);
  if (match !== null) {
    return `${match[1] ?? ''}T${match[2] ?? ''}.${(match[3] ?? '').padEnd(6, '0')}Z`;
  }
  const micros = parseTimestamp(text);
  if (micros === null) {
    throw new Error(`Unexpected timestamp text from the database: ${text}`);
  }
  return formatTimestamp(micros);
}

/** int8 arrives as text; ids stay far below 2^53. */
export function idFromDatabase(text: string | number): number {
  return Number(text);
}

/** Copies the entries whose value is not NULL: absent values are left out of responses. */
export function withoutNulls<T extends Record<string, unknown>>(
  entries: T,
): { [K in keyof T]?: Exclude<T[K], null> } {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entries)) {
    if (value !== null && value !== undefined) {
      result[key] = value;
    }
  }
  return result as { [K in keyof T]?: Exclude<T[K], null> };
}
