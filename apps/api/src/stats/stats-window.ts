import { MAX_EPOCH_MICROS, formatTimestamp } from '@payload-tracker/status-lifecycle';
import type { EpochMicros } from '@payload-tracker/status-lifecycle';

import { API_ERROR_CODES, ApiError } from '../common/api-error';

const MICROS_PER_MINUTE = 60_000_000n;
const MICROS_PER_HOUR = 60n * MICROS_PER_MINUTE;
const MICROS_PER_DAY = 24n * MICROS_PER_HOUR;

/** The window `GET /stats/services` reads when `since` is not given: the hour before `until`. */
export const DEFAULT_STATS_WINDOW_MICROS = MICROS_PER_HOUR;

/**
 * A stats window in whole minutes, cut where the buckets are read: hour buckets for
 * `[hoursFrom, hoursTo)`, minute buckets for `[since, hoursFrom)` and `[hoursTo, until)`.
 * Every bound is epoch microseconds, `since <= hoursFrom <= hoursTo <= until`.
 */
export interface StatsWindow {
  readonly since: EpochMicros;
  readonly until: EpochMicros;
  readonly hoursFrom: EpochMicros;
  readonly hoursTo: EpochMicros;
}

/** What the client asked for, the database clock and `RETENTION_DAYS`. */
export interface StatsWindowRequest {
  readonly since?: EpochMicros;
  readonly until?: EpochMicros;
  readonly now: EpochMicros;
  readonly retentionDays: number;
}

function floorTo(micros: bigint, unit: bigint): bigint {
  const remainder = micros % unit;
  return remainder < 0n ? micros - remainder - unit : micros - remainder;
}

function ceilTo(micros: bigint, unit: bigint): bigint {
  const floored = floorTo(micros, unit);
  return floored === micros ? micros : floored + unit;
}

function invalid(message: string): ApiError {
  return new ApiError(API_ERROR_CODES.invalidParameter, message);
}

/**
 * The window of a stats request: `until` defaults to now and `since` to an hour before
 * `until`; then `since` is rounded down and `until` up to whole minutes (the finest buckets).
 * The window must be non-empty, start no earlier than `RETENTION_DAYS` before now and be at
 * most `RETENTION_DAYS` long, both measured in whole minutes (so a client's "now minus the
 * retention" stays valid for that minute).
 *
 * @throws ApiError `invalid_parameter` naming `since` or `until`
 */
export function resolveStatsWindow(request: StatsWindowRequest): StatsWindow {
  const retention = BigInt(request.retentionDays) * MICROS_PER_DAY;
  const retentionText = `${request.retentionDays.toString()} days (RETENTION_DAYS)`;
  const until = request.until ?? request.now;
  // Rounded up to its minute, the window's end must still be an instant the product can write.
  const latestUntil = floorTo(MAX_EPOCH_MICROS, MICROS_PER_MINUTE);
  if (ceilTo(until, MICROS_PER_MINUTE) > latestUntil) {
    throw invalid(`until must be ${formatTimestamp(latestUntil)} or earlier`);
  }
  const since = request.since ?? until - DEFAULT_STATS_WINDOW_MICROS;
  if (since >= until) {
    throw invalid(
      `since must be earlier than until (since ${formatTimestamp(since)}, until ${formatTimestamp(until)})`,
    );
  }
  const oldest = floorTo(request.now, MICROS_PER_MINUTE) - retention;
  if (since < oldest) {
    throw invalid(
      `since must be no earlier than ${retentionText} ago: ${formatTimestamp(oldest)} or later`,
    );
  }
  // Measured minute to minute, like the age above, so "the last RETENTION_DAYS" always fits.
  if (floorTo(until, MICROS_PER_MINUTE) - floorTo(since, MICROS_PER_MINUTE) > retention) {
    throw invalid(`the window from since to until must be at most ${retentionText}`);
  }
  const roundedSince = floorTo(since, MICROS_PER_MINUTE);
  const roundedUntil = ceilTo(until, MICROS_PER_MINUTE);
  const hoursFrom = ceilTo(roundedSince, MICROS_PER_HOUR);
  const hoursTo = floorTo(roundedUntil, MICROS_PER_HOUR);
  if (hoursFrom > hoursTo) {
    // No hour boundary inside: minute buckets only.
    return {
      since: roundedSince,
      until: roundedUntil,
      hoursFrom: roundedUntil,
      hoursTo: roundedUntil,
    };
  }
  return { since: roundedSince, until: roundedUntil, hoursFrom, hoursTo };
}
