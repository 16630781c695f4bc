import { NO_SOURCE_ID } from '@payload-tracker/entities';
import type { SqlStatement } from '@payload-tracker/entities';
import { formatTimestamp } from '@payload-tracker/status-lifecycle';

import type { StatsWindow } from './stats-window';

/*
 * Every stats statement takes the window as $1 since, $2 until, $3 hoursFrom, $4 hoursTo
 * (see StatsWindow) and the stalled threshold in minutes as $5. Closed groups (payloads) are
 * read from the per-minute and per-hour buckets; open ones from their partial indexes, the
 * stalled split made with the database clock.
 */

const NO_SOURCE = NO_SOURCE_ID.toString();

/** The rows of a bucket table covering the window: whole hours, then the minutes at the edges. */
function bucketRows(table: string, columns: string): string {
  return `
    SELECT ${columns} FROM ${table}
     WHERE width_minutes = 60 AND bucket_start >= $3::timestamptz AND bucket_start < $4::timestamptz
    UNION ALL
    SELECT ${columns} FROM ${table}
     WHERE width_minutes = 1 AND bucket_start >= $1::timestamptz AND bucket_start < $3::timestamptz
    UNION ALL
    SELECT ${columns} FROM ${table}
     WHERE width_minutes = 1 AND bucket_start >= $4::timestamptz AND bucket_start < $2::timestamptz`;
}

const STALLED_BEFORE = `now() - make_interval(mins => $5::int)`;

/**
 * Per `service:source` with bucket rows or open groups in the window: closed groups that
 * started in it by state, the summed histogram of the durations of the groups that closed in
 * it, open groups that started in it split into in progress and stalled, and the latest group
 * failure in it (one probe of the failed-groups index per `service:source`). Pairs whose
 * bucket rows add up to nothing come back too (their groups moved to other buckets); the
 * mapper leaves them out.
 */
const SERVICE_STATS_SQL = `
WITH started AS (
  SELECT service_id, source_id,
         sum(succeeded)::integer AS succeeded,
         sum(failed)::integer AS failed
    FROM (${bucketRows('service_stats_buckets', 'service_id, source_id, succeeded, failed')}
    ) b
   GROUP BY service_id, source_id
),
bins AS (
  SELECT service_id, source_id, bin, sum(groups)::integer AS groups
    FROM (${bucketRows('service_duration_buckets', 'service_id, source_id, bin, groups')}
    ) d
   GROUP BY service_id, source_id, bin
  HAVING sum(groups) <> 0
),
histograms AS (
  SELECT service_id, source_id,
         array_agg(bin::integer ORDER BY bin) AS duration_bins,
         array_agg(groups ORDER BY bin) AS duration_bin_counts
    FROM bins
   GROUP BY service_id, source_id
),
closed AS (
  SELECT coalesce(s.service_id, h.service_id) AS service_id,
         coalesce(s.source_id, h.source_id) AS source_id,
         coalesce(s.succeeded, 0) AS succeeded,
         coalesce(s.failed, 0) AS failed,
         h.duration_bins, h.duration_bin_counts
    FROM started s
    FULL JOIN histograms h ON h.service_id = s.service_id AND h.source_id = s.source_id
),
open AS (
  SELECT service_id, source_id,
         (count(*) FILTER (WHERE last_at >= ${STALLED_BEFORE}))::integer AS in_progress,
         (count(*) FILTER (WHERE last_at < ${STALLED_BEFORE}))::integer AS stalled
    FROM payload_groups
   WHERE success_count = 0 AND failure_count = 0
     AND first_at >= $1::timestamptz AND first_at < $2::timestamptz
   GROUP BY service_id, source_id
),
keyed AS (
  SELECT coalesce(c.service_id, o.service_id) AS service_id,
         coalesce(c.source_id, o.source_id) AS source_id,
         coalesce(c.succeeded, 0) AS succeeded,
         coalesce(c.failed, 0) AS failed,
         coalesce(o.in_progress, 0) AS in_progress,
         coalesce(o.stalled, 0) AS stalled,
         c.duration_bins, c.duration_bin_counts
    FROM closed c
    FULL JOIN open o ON o.service_id = c.service_id AND o.source_id = c.source_id
)
SELECT sv.name AS service,
       so.name AS source,
       k.succeeded, k.failed, k.in_progress, k.stalled, k.duration_bins, k.duration_bin_counts,
       (SELECT p.request_id FROM payloads p WHERE p.id = lf.payload_id) AS failure_request_id,
       (SELECT st.name FROM statuses st WHERE st.id = lf.failed_status_id) AS failure_status,
       lf.failed_status_msg AS failure_status_msg,
       lf.failed_at::text AS failure_date
  FROM keyed k
  JOIN services sv ON sv.id = k.service_id
  LEFT JOIN sources so ON so.id = k.source_id AND k.source_id <> ${NO_SOURCE}
  LEFT JOIN LATERAL (
    SELECT g.payload_id, g.failed_at, g.failed_status_id, g.failed_status_msg
      FROM payload_groups g
     WHERE g.failure_count > 0
       AND g.service_id = k.service_id AND g.source_id = k.source_id
       AND g.failed_at >= $1::timestamptz AND g.failed_at < $2::timestamptz
     ORDER BY g.failed_at DESC
     LIMIT 1
  ) lf ON true`;

/**
 * Payload totals of the window: closed payloads created in it by state from the buckets, open
 * ones created in it from the outcomes' `(state, created_at)` index, split by their latest
 * status.
 */
const STATE_TOTALS_SQL = `
WITH closed AS (
  SELECT coalesce(sum(succeeded), 0)::integer AS succeeded,
         coalesce(sum(failed), 0)::integer AS failed
    FROM (${bucketRows('payload_state_buckets', 'succeeded, failed')}
    ) b
),
open AS (
  SELECT (count(*) FILTER (WHERE last_status_at >= ${STALLED_BEFORE}))::integer AS in_progress,
         (count(*) FILTER (WHERE last_status_at < ${STALLED_BEFORE}))::integer AS stalled
    FROM payload_outcomes
   WHERE state = 'in_progress'
     AND created_at >= $1::timestamptz AND created_at < $2::timestamptz
)
SELECT closed.succeeded, closed.failed, open.in_progress, open.stalled FROM closed, open`;

/** The database clock, the one `stalled` and the default window are decided by. */
const DATABASE_NOW_SQL = `SELECT now()::text AS now`;

/*
 * The gauges: payloads of the last $1 days by state (closed ones from the hour buckets, open
 * ones by their latest status), and the stalled ones by the service and source of their latest
 * status; $2 is the stalled threshold in minutes.
 */
const GAUGE_STALLED_BEFORE = `now() - make_interval(mins => $2::int)`;
const GAUGE_SINCE = `now() - make_interval(days => $1::int)`;

const PAYLOAD_STATE_GAUGES_SQL = `
WITH closed AS (
  SELECT coalesce(sum(succeeded), 0)::bigint AS succeeded,
         coalesce(sum(failed), 0)::bigint AS failed
    FROM payload_state_buckets
   WHERE width_minutes = 60
     AND bucket_start >= date_bin('1 hour', ${GAUGE_SINCE}, 'epoch'::timestamptz)
),
open AS (
  SELECT count(*) FILTER (WHERE last_status_at >= ${GAUGE_STALLED_BEFORE}) AS in_progress,
         count(*) FILTER (WHERE last_status_at < ${GAUGE_STALLED_BEFORE}) AS stalled
    FROM payload_outcomes
   WHERE state = 'in_progress' AND last_status_at >= ${GAUGE_SINCE}
)
SELECT closed.succeeded::text, closed.failed::text, open.in_progress::text, open.stalled::text
  FROM closed, open`;

const STALLED_BY_SERVICE_SQL = `
WITH stalled AS (
  SELECT last_service_id, last_source_id, count(*) AS stalled
    FROM payload_outcomes
   WHERE state = 'in_progress'
     AND last_status_at >= ${GAUGE_SINCE} AND last_status_at < ${GAUGE_STALLED_BEFORE}
   GROUP BY last_service_id, last_source_id
)
SELECT sv.name AS service, so.name AS source, s.stalled::text AS stalled
  FROM stalled s
  JOIN services sv ON sv.id = s.last_service_id
  LEFT JOIN sources so ON so.id = s.last_source_id`;

function windowParameters(window: StatsWindow, stalledAfterMinutes: number): unknown[] {
  return [
    formatTimestamp(window.since),
    formatTimestamp(window.until),
    formatTimestamp(window.hoursFrom),
    formatTimestamp(window.hoursTo),
    stalledAfterMinutes,
  ];
}

/** {@link SERVICE_STATS_SQL} for a window. */
export function serviceStatsStatement(
  window: StatsWindow,
  stalledAfterMinutes: number,
): SqlStatement {
  // Every read is an index range walk whatever the window, and planning the statement anew
  // cost more than running it (1 h windows: p50 17 → 9.5 ms on the generic plan, 24 h: 25 → 20 ms).
  return {
    sql: SERVICE_STATS_SQL,
    parameters: windowParameters(window, stalledAfterMinutes),
    plan: 'generic',
  };
}

/** {@link STATE_TOTALS_SQL} for a window. */
export function stateTotalsStatement(
  window: StatsWindow,
  stalledAfterMinutes: number,
): SqlStatement {
  return {
    sql: STATE_TOTALS_SQL,
    parameters: windowParameters(window, stalledAfterMinutes),
    plan: 'generic',
  };
}

/** {@link DATABASE_NOW_SQL}. */
export function databaseNowStatement(): SqlStatement {
  return { sql: DATABASE_NOW_SQL, parameters: [], plan: 'generic' };
}

/** {@link PAYLOAD_STATE_GAUGES_SQL}; the same two settings every time, so one plan serves. */
export function payloadStateGaugesStatement(
  retentionDays: number,
  stalledAfterMinutes: number,
): SqlStatement {
  return {
    sql: PAYLOAD_STATE_GAUGES_SQL,
    parameters: [retentionDays, stalledAfterMinutes],
    plan: 'generic',
  };
}

/** {@link STALLED_BY_SERVICE_SQL}. */
export function stalledByServiceStatement(
  retentionDays: number,
  stalledAfterMinutes: number,
): SqlStatement {
  return {
    sql: STALLED_BY_SERVICE_SQL,
    parameters: [retentionDays, stalledAfterMinutes],
    plan: 'generic',
  };
}
