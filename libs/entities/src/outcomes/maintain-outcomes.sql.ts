import type { SqlStatement } from '../database/sql-statement';
import {
  DURATION_BIN_BOUNDS_MICROS,
  FAILURE_STATUSES,
  SUCCESS_STATUSES,
} from '@payload-tracker/status-lifecycle';

/** `source_id` of a group whose statuses had no source (a key column cannot be NULL). */
export const NO_SOURCE_ID = 0;

/** Bucket widths of the stats tables, in minutes: windows read hours, and minutes at their edges. */
export const STATS_BUCKET_WIDTHS_MINUTES: readonly number[] = [1, 60];

/*
 * Applies newly stored statuses to the outcomes, set-based, in the transaction that stored
 * them and after it locked their payload rows (the payload upsert does), so this statement's
 * snapshot holds every earlier change of those payloads and nobody else changes them before
 * the commit. The rules come from libs/status-lifecycle as parameters: a group is failed when
 * any status is one of $9, else succeeded when any is one of $10, else in progress; a payload
 * is failed when any group is, succeeded when all are, else in progress.
 *
 * 1. `delta`: per touched group, the aggregates of the new statuses. A payload of $8 (it
 *    existed before the batch) that has no outcome yet (stored before outcomes existed, not yet
 *    backfilled) is recomputed from all its stored statuses instead.
 * 2. `merged`: every group of the touched payloads, old row merged with its delta (counts add,
 *    first/last widen, latest status by (date, id), earliest failure by (date, id)).
 * 3. The touched groups and the payloads' outcomes are written; the stats buckets get −1 for a
 *    group's (payload's) old contribution and +1 for its new one, when they differ.
 *
 * Returns one row per touched payload: its state before (NULL when new) and after.
 */
export const MAINTAIN_OUTCOMES_SQL = `
  WITH stored (payload_id, service_id, source_id, status_id, date, row_id, status_msg) AS (
    SELECT * FROM unnest($1::bigint[], $2::int[], $3::int[], $4::int[], $5::timestamptz[],
                         $6::bigint[], $7::text[])
  ),
  missing AS (
    SELECT DISTINCT e.payload_id FROM unnest($8::bigint[]) AS e (payload_id)
    WHERE NOT EXISTS (SELECT 1 FROM payload_outcomes o WHERE o.payload_id = e.payload_id)
  ),
  news AS (
    SELECT s.* FROM stored s
    WHERE NOT EXISTS (SELECT 1 FROM missing m WHERE m.payload_id = s.payload_id)
    UNION ALL
    SELECT ps.payload_id, ps.service_id, coalesce(ps.source_id, ${NO_SOURCE_ID.toString()}), ps.status_id,
           ps.date, ps.id, ps.status_msg::text
    FROM payload_statuses ps
    WHERE ps.payload_id IN (SELECT payload_id FROM missing)
      AND ps.payload_id BETWEEN (SELECT min(payload_id) FROM missing)
                            AND (SELECT max(payload_id) FROM missing)
  ),
  classified AS (
    SELECT n.*,
           lower(btrim(st.name)) = ANY($9::text[]) AS is_failure,
           lower(btrim(st.name)) = ANY($10::text[]) AS is_success
    FROM news n JOIN statuses st ON st.id = n.status_id
  ),
  delta_aggregates AS (
    SELECT payload_id, service_id, source_id,
           min(date) AS first_at,
           max(date) AS last_at,
           count(*)::int AS status_count,
           (count(*) FILTER (WHERE is_success))::int AS success_count,
           (count(*) FILTER (WHERE is_failure))::int AS failure_count,
           -- The latest status by (date, id), in one pass: arrays compare element by element.
           max(ARRAY[(extract(epoch FROM date) * 1000000)::bigint, row_id, status_id]) AS last_status,
           min(date) FILTER (WHERE is_failure) AS failed_at,
           (array_agg(row_id ORDER BY date, row_id) FILTER (WHERE is_failure))[1] AS failed_status_row,
           (array_agg(status_id ORDER BY date, row_id) FILTER (WHERE is_failure))[1] AS failed_status_id,
           (array_agg(status_msg ORDER BY date, row_id) FILTER (WHERE is_failure))[1] AS failed_status_msg
    FROM classified
    GROUP BY payload_id, service_id, source_id
  ),
  delta AS (
    SELECT payload_id, service_id, source_id, first_at, last_at, status_count, success_count,
           failure_count, last_status[2] AS last_status_row, last_status[3]::int AS last_status_id,
           failed_at, failed_status_row, failed_status_id, failed_status_msg
    FROM delta_aggregates
  ),
  -- Index lookups per payload (OFFSET 0 keeps them parameterised): never a scan of the table.
  old_groups AS (
    SELECT g.*
    FROM (SELECT DISTINCT payload_id FROM delta) AS t
    CROSS JOIN LATERAL (
      SELECT * FROM payload_groups g WHERE g.payload_id = t.payload_id OFFSET 0
    ) AS g
  ),
  joined AS (
    SELECT coalesce(d.payload_id, o.payload_id) AS payload_id,
           coalesce(d.service_id, o.service_id) AS service_id,
           coalesce(d.source_id, o.source_id) AS source_id,
           d.payload_id IS NOT NULL AS touched,
           o.payload_id IS NOT NULL AS existed,
           o.payload_id IS NULL
             OR (d.payload_id IS NOT NULL
                 AND (d.last_at, d.last_status_row) > (o.last_at, o.last_status_row)) AS last_from_delta,
           d.failed_at IS NOT NULL
             AND (o.failed_at IS NULL
                  OR (d.failed_at, d.failed_status_row) < (o.failed_at, o.failed_status_row)) AS failure_from_delta,
           d AS new_part,
           o AS old_part
    FROM old_groups o
    FULL JOIN delta d
      ON d.payload_id = o.payload_id AND d.service_id = o.service_id AND d.source_id = o.source_id
  ),
  merged AS (
    SELECT j.payload_id, j.service_id, j.source_id, j.touched, j.existed,
           LEAST((j.old_part).first_at, (j.new_part).first_at) AS first_at,
           GREATEST((j.old_part).last_at, (j.new_part).last_at) AS last_at,
           coalesce((j.old_part).status_count, 0) + coalesce((j.new_part).status_count, 0) AS status_count,
           coalesce((j.old_part).success_count, 0) + coalesce((j.new_part).success_count, 0) AS success_count,
           coalesce((j.old_part).failure_count, 0) + coalesce((j.new_part).failure_count, 0) AS failure_count,
           CASE WHEN j.last_from_delta THEN (j.new_part).last_status_row ELSE (j.old_part).last_status_row END AS last_status_row,
           CASE WHEN j.last_from_delta THEN (j.new_part).last_status_id ELSE (j.old_part).last_status_id END AS last_status_id,
           CASE WHEN j.failure_from_delta THEN (j.new_part).failed_at ELSE (j.old_part).failed_at END AS failed_at,
           CASE WHEN j.failure_from_delta THEN (j.new_part).failed_status_row ELSE (j.old_part).failed_status_row END AS failed_status_row,
           CASE WHEN j.failure_from_delta THEN (j.new_part).failed_status_id ELSE (j.old_part).failed_status_id END AS failed_status_id,
           CASE WHEN j.failure_from_delta THEN (j.new_part).failed_status_msg ELSE (j.old_part).failed_status_msg END AS failed_status_msg,
           (j.old_part).first_at AS old_first_at,
           (j.old_part).last_at AS old_last_at,
           CASE WHEN (j.old_part).failure_count > 0 THEN 'failed'
                WHEN (j.old_part).success_count > 0 THEN 'succeeded' END AS old_closed_state
    FROM joined j
  ),
  write_groups AS (
    INSERT INTO payload_groups (payload_id, service_id, source_id, first_at, last_at, status_count,
                                success_count, failure_count, last_status_row, last_status_id,
                                failed_at, failed_status_row, failed_status_id, failed_status_msg)
    SELECT payload_id, service_id, source_id, first_at, last_at, status_count, success_count,
           failure_count, last_status_row, last_status_id, failed_at, failed_status_row,
           failed_status_id, failed_status_msg
    FROM merged WHERE touched
    ORDER BY payload_id, service_id, source_id
    ON CONFLICT (payload_id, service_id, source_id) DO UPDATE SET
      first_at = EXCLUDED.first_at,
      last_at = EXCLUDED.last_at,
      status_count = EXCLUDED.status_count,
      success_count = EXCLUDED.success_count,
      failure_count = EXCLUDED.failure_count,
      last_status_row = EXCLUDED.last_status_row,
      last_status_id = EXCLUDED.last_status_id,
      failed_at = EXCLUDED.failed_at,
      failed_status_row = EXCLUDED.failed_status_row,
      failed_status_id = EXCLUDED.failed_status_id,
      failed_status_msg = EXCLUDED.failed_status_msg
  ),
  group_contributions AS (
    SELECT m.service_id, m.source_id, c.*
    FROM merged m
    CROSS JOIN LATERAL (
      SELECT m.old_first_at AS start_at, m.old_last_at AS close_at, m.old_closed_state AS state,
             -1 AS delta
      WHERE m.old_closed_state IS NOT NULL
      UNION ALL
      SELECT m.first_at, m.last_at,
             CASE WHEN m.failure_count > 0 THEN 'failed' ELSE 'succeeded' END, 1
      WHERE m.failure_count > 0 OR m.success_count > 0
    ) AS c
    WHERE m.touched
      AND (m.old_closed_state, m.old_first_at, m.old_last_at) IS DISTINCT FROM
          (CASE WHEN m.failure_count > 0 THEN 'failed'
                WHEN m.success_count > 0 THEN 'succeeded' END, m.first_at, m.last_at)
  ),
  group_bucket_rows AS (
    SELECT w.width, b.bucket_start, g.service_id, g.source_id, b.kind, g.state, g.delta,
           width_bucket((extract(epoch FROM g.close_at - g.start_at) * 1000000)::bigint,
                        $11::bigint[]) AS bin
    FROM group_contributions g
    CROSS JOIN unnest($12::int[]) AS w (width)
    CROSS JOIN LATERAL (
      VALUES ('start', date_bin(make_interval(mins => w.width), g.start_at, 'epoch'::timestamptz)),
             ('close', date_bin(make_interval(mins => w.width), g.close_at, 'epoch'::timestamptz))
    ) AS b (kind, bucket_start)
  ),
  write_group_buckets AS (
    INSERT INTO service_stats_buckets (width_minutes, bucket_start, service_id, source_id,
                                       succeeded, failed)
    SELECT width, bucket_start, service_id, source_id,
           coalesce(sum(delta) FILTER (WHERE state = 'succeeded'), 0)::int,
           coalesce(sum(delta) FILTER (WHERE state = 'failed'), 0)::int
    FROM group_bucket_rows
    WHERE kind = 'start'
    GROUP BY width, bucket_start, service_id, source_id
    ORDER BY width, bucket_start, service_id, source_id
    ON CONFLICT (width_minutes, bucket_start, service_id, source_id) DO UPDATE SET
      succeeded = service_stats_buckets.succeeded + EXCLUDED.succeeded,
      failed = service_stats_buckets.failed + EXCLUDED.failed
  ),
  write_duration_buckets AS (
    INSERT INTO service_duration_buckets (width_minutes, bucket_start, service_id, source_id, bin,
                                          groups)
    SELECT width, bucket_start, service_id, source_id, bin, sum(delta)::int
    FROM group_bucket_rows
    WHERE kind = 'close'
    GROUP BY width, bucket_start, service_id, source_id, bin
    HAVING sum(delta) <> 0
    ORDER BY width, bucket_start, service_id, source_id, bin
    ON CONFLICT (width_minutes, bucket_start, service_id, source_id, bin) DO UPDATE SET
      groups = service_duration_buckets.groups + EXCLUDED.groups
  ),
  payload_totals AS (
    SELECT payload_id,
           CASE WHEN bool_or(failure_count > 0) THEN 'failed'
                WHEN bool_and(success_count > 0) THEN 'succeeded'
                ELSE 'in_progress' END AS state,
           sum(status_count)::int AS status_count,
           max(last_at) AS last_status_at,
           max(ARRAY[(extract(epoch FROM last_at) * 1000000)::bigint, last_status_row, service_id,
                     source_id, last_status_id]) AS last_status,
           min(failed_at) AS failed_at,
           (array_agg(failed_status_row ORDER BY failed_at, failed_status_row) FILTER (WHERE failure_count > 0))[1] AS failed_status_row,
           (array_agg(service_id ORDER BY failed_at, failed_status_row) FILTER (WHERE failure_count > 0))[1] AS failed_service_id,
           (array_agg(source_id ORDER BY failed_at, failed_status_row) FILTER (WHERE failure_count > 0))[1] AS failed_source_id,
           (array_agg(failed_status_id ORDER BY failed_at, failed_status_row) FILTER (WHERE failure_count > 0))[1] AS failed_status_id,
           (array_agg(failed_status_msg ORDER BY failed_at, failed_status_row) FILTER (WHERE failure_count > 0))[1] AS failed_status_msg
    FROM merged
    GROUP BY payload_id
  ),
  outcome_rows AS (
    SELECT t.payload_id, t.state, t.status_count, t.last_status_at,
           t.last_status[2] AS last_status_row, t.last_status[3]::int AS last_service_id,
           t.last_status[4]::int AS last_source_id, t.last_status[5]::int AS last_status_id,
           t.failed_at, t.failed_status_row, t.failed_service_id, t.failed_source_id,
           t.failed_status_id, t.failed_status_msg,
           p.created_at, o.state AS old_state, o.created_at AS old_created_at
    FROM payload_totals t
    CROSS JOIN LATERAL (
      SELECT created_at FROM payloads WHERE id = t.payload_id OFFSET 0
    ) AS p
    LEFT JOIN LATERAL (
      SELECT state, created_at FROM payload_outcomes WHERE payload_id = t.payload_id OFFSET 0
    ) AS o ON true
  ),
  write_outcomes AS (
    INSERT INTO payload_outcomes (payload_id, state, created_at, status_count, last_status_at,
                                  last_status_row, last_service_id, last_source_id, last_status_id,
                                  failed_at, failed_status_row, failed_service_id, failed_source_id,
                                  failed_status_id, failed_status_msg)
    SELECT payload_id, state, created_at, status_count, last_status_at, last_status_row,
           last_service_id, NULLIF(last_source_id, ${NO_SOURCE_ID.toString()}), last_status_id,
           failed_at, failed_status_row, failed_service_id,
           NULLIF(failed_source_id, ${NO_SOURCE_ID.toString()}), failed_status_id, failed_status_msg
    FROM outcome_rows
    ORDER BY payload_id
    ON CONFLICT (payload_id) DO UPDATE SET
      state = EXCLUDED.state,
      created_at = EXCLUDED.created_at,
      status_count = EXCLUDED.status_count,
      last_status_at = EXCLUDED.last_status_at,
      last_status_row = EXCLUDED.last_status_row,
      last_service_id = EXCLUDED.last_service_id,
      last_source_id = EXCLUDED.last_source_id,
      last_status_id = EXCLUDED.last_status_id,
      failed_at = EXCLUDED.failed_at,
      failed_status_row = EXCLUDED.failed_status_row,
      failed_service_id = EXCLUDED.failed_service_id,
      failed_source_id = EXCLUDED.failed_source_id,
      failed_status_id = EXCLUDED.failed_status_id,
      failed_status_msg = EXCLUDED.failed_status_msg
  ),
  payload_bucket_rows AS (
    SELECT w.width, date_bin(make_interval(mins => w.width), c.at, 'epoch'::timestamptz) AS bucket_start,
           c.state, c.delta
    FROM outcome_rows r
    CROSS JOIN LATERAL (
      SELECT r.old_created_at AS at, r.old_state AS state, -1 AS delta
      WHERE r.old_state IN ('failed', 'succeeded')
      UNION ALL
      SELECT r.created_at, r.state, 1
      WHERE r.state IN ('failed', 'succeeded')
    ) AS c
    CROSS JOIN unnest($12::int[]) AS w (width)
    WHERE (r.old_state, r.old_created_at) IS DISTINCT FROM (r.state, r.created_at)
  ),
  write_payload_buckets AS (
    INSERT INTO payload_state_buckets (width_minutes, bucket_start, succeeded, failed)
    SELECT width, bucket_start,
           coalesce(sum(delta) FILTER (WHERE state = 'succeeded'), 0)::int,
           coalesce(sum(delta) FILTER (WHERE state = 'failed'), 0)::int
    FROM payload_bucket_rows
    GROUP BY width, bucket_start
    ORDER BY width, bucket_start
    ON CONFLICT (width_minutes, bucket_start) DO UPDATE SET
      succeeded = payload_state_buckets.succeeded + EXCLUDED.succeeded,
      failed = payload_state_buckets.failed + EXCLUDED.failed
  )
  SELECT payload_id::text AS payload_id, old_state, state FROM outcome_rows`;

/** One newly stored status, as {@link maintainOutcomesParameters} takes it. */
export interface StoredStatusRow {
  payloadId: string;
  serviceId: number;
  /** `null` when the status had no source. */
  sourceId: number | null;
  statusId: number;
  /** UTC timestamp text. */
  date: string;
  /** `payload_statuses.id`. */
  rowId: string;
  statusMsg: string | null;
}

/**
 * The parameters of {@link MAINTAIN_OUTCOMES_SQL}.
 *
 * @param stored - the statuses the transaction stored
 * @param earlierPayloadIds - ids of payloads that existed before the batch and may have no
 *   outcome yet (one they lack is recomputed from all their statuses; one they have is kept)
 */
export function maintainOutcomesParameters(
  stored: readonly StoredStatusRow[],
  earlierPayloadIds: readonly string[],
): unknown[] {
  return [
    stored.map((row) => row.payloadId),
    stored.map((row) => row.serviceId),
    stored.map((row) => row.sourceId ?? NO_SOURCE_ID),
    stored.map((row) => row.statusId),
    stored.map((row) => row.date),
    stored.map((row) => row.rowId),
    stored.map((row) => row.statusMsg),
    earlierPayloadIds,
    FAILURE_STATUSES,
    SUCCESS_STATUSES,
    DURATION_BIN_BOUNDS_MICROS,
    STATS_BUCKET_WIDTHS_MINUTES,
  ];
}

/**
 * {@link MAINTAIN_OUTCOMES_SQL} with its parameters, always on its generic plan: its inputs are
 * arrays whose values cannot change the best plan, and planning it costs more than running it
 * for a typical batch.
 */
export function maintainOutcomesStatement(
  stored: readonly StoredStatusRow[],
  payloadIdsWithoutOutcome: readonly string[],
): SqlStatement {
  return {
    sql: MAINTAIN_OUTCOMES_SQL,
    parameters: maintainOutcomesParameters(stored, payloadIdsWithoutOutcome),
    plan: 'generic',
  };
}

/** A row {@link MAINTAIN_OUTCOMES_SQL} returns. */
export interface OutcomeChangeRow {
  payload_id: string;
  old_state: string | null;
  state: string;
}
