import { parseTimestamp } from '@payload-tracker/status-lifecycle';

import { formatHumanDuration } from './human-duration';

/** An API timestamp (RFC 3339, UTC) for people: `2026-11-28 10:00:00 UTC`; other text as it is. */
export function formatDateTime(timestamp: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(timestamp);
  return match === null ? timestamp : `${match[1] ?? ''} ${match[2] ?? ''} UTC`;
}

/** The time of day of an API timestamp to the millisecond: `10:00:00.123`. */
export function formatClockTime(timestamp: string): string {
  const match = /T(\d{2}:\d{2}:\d{2})(?:\.(\d{1,3}))?/.exec(timestamp);
  if (match === null) {
    return timestamp;
  }
  return `${match[1] ?? ''}.${(match[2] ?? '').padEnd(3, '0')}`;
}

/** How long ago an API timestamp was at `nowMs`, for people: `3 min 02 s ago`, `just now`. */
export function formatAge(timestamp: string, nowMs: number): string {
  const at = parseTimestamp(timestamp);
  if (at === null) {
    return timestamp;
  }
  const age = BigInt(nowMs) * 1000n - at;
  return age < 1_000_000n ? 'just now' : `${formatHumanDuration(age)} ago`;
}
