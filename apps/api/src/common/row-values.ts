import { formatTimestamp, parseTimestamp } from '@payload-tracker/status-lifecycle';

/**
 * Re-emits PostgreSQL's `timestamptz` text (`2026-11-28 10:00:00.123456+00`) in the contract's
 * form, microseconds intact.
 */
export function timestampFromDatabase(text: string): string {
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
