const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** The windows a person picks from, by name, with their length; `all` has no bound. */
export const TIME_WINDOWS = {
  '1h': { label: '1 h', ms: HOUR_MS },
  '6h': { label: '6 h', ms: 6 * HOUR_MS },
  '24h': { label: '24 h', ms: DAY_MS },
  '7d': { label: '7 d', ms: 7 * DAY_MS },
} as const;

/** A bounded window of {@link TIME_WINDOWS}. */
export type TimeWindow = keyof typeof TIME_WINDOWS;

/** Every bounded window, shortest first. */
export const TIME_WINDOW_NAMES = Object.keys(TIME_WINDOWS) as TimeWindow[];

/** Whether `value` names a window of {@link TIME_WINDOWS}. */
export function isTimeWindow(value: string | null): value is TimeWindow {
  return value !== null && Object.hasOwn(TIME_WINDOWS, value);
}

/**
 * The start of `window` ending at `nowMs`, as an RFC 3339 timestamp. The API refuses a `since`
 * older than its retention (7 days by default) measured on the database's clock: the longest
 * window starts a minute later, so a browser clock a little behind still fits.
 */
export function windowStart(window: TimeWindow, nowMs: number): string {
  const grace = window === '7d' ? MINUTE_MS : 0;
  return new Date(nowMs - TIME_WINDOWS[window].ms + grace).toISOString();
}
