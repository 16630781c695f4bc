/**
 * SQL of the seed, one statement per constant. Everything is generated server-side from
 * `generate_series`, so no row data crosses the wire.
 */

/** Lookup rows, idempotent. The table name is one of three constants, never user input. */
export function insertLookupNamesSql(table: 'services' | 'sources' | 'statuses'): string {
  return `INSERT INTO ${table} (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING`;
}

export function selectLookupIdsSql(table: 'services' | 'sources' | 'statuses'): string {
  return `SELECT id, name FROM ${table} WHERE name = ANY($1::text[])`;
}

/** Day partitions (UTC) covering [$1, $2], through the schema's own idempotent function. */
export const CREATE_DAY_PARTITIONS_SQL = `
  SELECT count(*) FILTER (WHERE create_partition(day::date, day::date + 1)) AS created
    FROM generate_series($1::date, $2::date, interval '1 day') AS day`;

/** The seeded tables and everything derived from them (outcomes, groups, stats buckets). */
export const TRUNCATE_SQL = `
  TRUNCATE payload_groups, payload_outcomes, service_stats_buckets, service_duration_buckets,
           payload_state_buckets,
           payload_statuses, payloads`;

/**
 * One chunk: payloads number $3..$4 of $5, and their statuses, in one statement that returns
 * the statuses written and the payloads planned per outcome.
 *
 * - Payload g gets floor(g*S/P) - floor((g-1)*S/P) statuses (the total is exactly S), shifted
 *   within groups of three (+2d, -d, -d) so lifecycles vary in length from a few statuses to a
 *   complete 21 while the total stays exact.
 * - Its planned outcome: failed with share $9, stalled with share $25, else succeeded. All three
 *   follow the succeeded lifecycle of their template and length ($27, from planLifecycles:
 *   every group closed by success); a failed one's last status becomes error or failed with a
 *   status_msg, a stalled one's the open step of $28.
 * - created_at grows with g across the window, as ids grow with time in production; statuses
 *   follow 50 to 550 ms apart; created_at is the first status date.
 * - Hosts (inventory_id/system_id) upload several times; accounts own several hosts; org_id is
 *   one per account. About 10 % of payloads have no account, 2 % no org_id, and payloads that
 *   never saw inventory's success ($29) no host ids.
 * - dedupe_key is md5 of the ingester's fingerprint text (statusFingerprint in
 *   status-lifecycle), so a redelivery of a seeded status would be recognised.
 *
 * Lifecycle arrays have $26 (the most statuses of a payload) slots per template and length.
 */
export const INSERT_CHUNK_SQL = `
WITH numbered AS (
  SELECT g,
         (g * $6::bigint) / $5::bigint - ((g - 1) * $6::bigint) / $5::bigint AS base_count,
         (g - 1) / 3 AS grp,
         (g - 1) % 3 AS member,
         ((hashint8extended(g, $2::bigint) % $10::bigint) + $10::bigint) % $10::bigint AS host,
         random() AS r_customer,
         random() AS r_outcome
    FROM generate_series($3::bigint, $4::bigint) AS g
), counted AS (
  SELECT n.*,
         n.base_count + CASE
           WHEN (n.grp + 1) * 3 > $5::bigint THEN 0
           WHEN n.member = 0 THEN 2 * shift.d
           ELSE -shift.d
         END AS status_count
    FROM numbered AS n
   CROSS JOIN LATERAL (
         SELECT ((hashint8extended(n.grp, $2::bigint + 1) % ($12::int + 1)) + ($12::int + 1)) % ($12::int + 1) AS d
         ) AS shift
), src AS MATERIALIZED (
  SELECT c.g, c.status_count, c.host,
         CASE
           WHEN c.r_outcome < $9::float8 THEN 'failed'
           WHEN c.r_outcome < $9::float8 + $25::float8 THEN 'stalled'
           ELSE 'succeeded'
         END AS outcome,
         overlay(md5($1::text || ':' || c.g) placing '4' from 13 for 1) AS request_id,
         $7::timestamptz + make_interval(secs => (c.g - 1 + random() * 0.5) * $8::float8 / $5::bigint) AS created_at,
         CASE
           WHEN c.status_count <= 7 AND (hashint8extended(c.g, $2::bigint + 2) & 1) = 0
             THEN $13::int + (hashint8extended(c.g, $2::bigint + 3) & 1)
           ELSE ((hashint8extended(c.g, $2::bigint + 3) % $13::int) + $13::int) % $13::int
         END AS template,
         CASE WHEN c.r_customer < 0.10 THEN NULL ELSE (1000000 + c.host % $11::bigint)::text END AS account,
         CASE WHEN c.r_customer >= 0.98 THEN NULL ELSE (10000000 + c.host % $11::bigint)::text END AS org_id
    FROM counted AS c
), inserted AS (
  INSERT INTO payloads (request_id, account, org_id, inventory_id, system_id, created_at)
  SELECT request_id, account, org_id,
         CASE WHEN host_known.is_known THEN md5('inventory:' || host)::uuid::text END,
         CASE WHEN host_known.is_known THEN md5('system:' || host)::uuid::text END,
         created_at
    FROM src
   CROSS JOIN LATERAL (
         SELECT ($29::int[])[src.template * $26::int + src.status_count] AS answered_at
         ) AS inventory
   CROSS JOIN LATERAL (
         SELECT inventory.answered_at > 0
                AND (inventory.answered_at < src.status_count OR src.outcome = 'succeeded') AS is_known
         ) AS host_known
  RETURNING id, request_id
), steps AS (
  SELECT inserted.id AS payload_id,
         src.request_id,
         ($14::int[])[st.i] AS service_id,
         ($15::text[])[st.i] AS service_name,
         ($16::int[])[st.i] AS source_id,
         ($17::text[])[st.i] AS source_name,
         CASE WHEN NOT st.is_failure THEN ($18::int[])[st.i] WHEN src.g % 5 = 0 THEN $22::int ELSE $20::int END AS status_id,
         CASE WHEN NOT st.is_failure THEN ($19::text[])[st.i] WHEN src.g % 5 = 0 THEN $23::text ELSE $21::text END AS status_name,
         CASE WHEN st.is_failure
           THEN ($15::text[])[st.i] || ': ' || ($24::text[])[1 + src.g % cardinality($24::text[])]
         END AS status_msg,
         src.created_at + make_interval(secs => (s - 1) * 0.3 + CASE WHEN s > 1 THEN random() * 0.25 ELSE 0 END) AS date
    FROM inserted
    JOIN src USING (request_id)
   CROSS JOIN LATERAL generate_series(1, src.status_count::int) AS s
   CROSS JOIN LATERAL (
         SELECT CASE
                  WHEN src.outcome = 'stalled' AND s = src.status_count
                    THEN ($28::int[])[src.template * $26::int + src.status_count]
                  ELSE ($27::int[])[(src.template * $26::int + src.status_count - 1) * $26::int + s]
                END AS i,
                src.outcome = 'failed' AND s = src.status_count AS is_failure
         ) AS st
), written AS (
  INSERT INTO payload_statuses (payload_id, service_id, source_id, status_id, status_msg, date, created_at, dedupe_key)
  SELECT payload_id, service_id, source_id, status_id, status_msg, date,
         date + make_interval(secs => 0.05 + random() * 0.5),
         md5('["v1",' || to_json(request_id)::text || ',' || to_json(service_name)::text || ','
             || coalesce(to_json(source_name)::text, 'null') || ',' || to_json(status_name)::text || ','
             || coalesce(to_json(status_msg)::text, 'null') || ',"'
             || to_char(date AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '"]')::uuid
    FROM steps
)
SELECT sum(status_count)::int AS statuses,
       count(*) FILTER (WHERE outcome = 'succeeded')::int AS succeeded,
       count(*) FILTER (WHERE outcome = 'failed')::int AS failed,
       count(*) FILTER (WHERE outcome = 'stalled')::int AS stalled
  FROM src`;

/** Before the backfill, so its statements are planned with the seeded sizes. */
export const ANALYZE_SEEDED_SQL = `ANALYZE payloads, payload_statuses, services, sources, statuses`;

const ALL_TABLES = `payloads, payload_statuses, services, sources, statuses, payload_groups,
  payload_outcomes, service_stats_buckets, service_duration_buckets, payload_state_buckets`;
export const VACUUM_ANALYZE_SQL = `VACUUM (ANALYZE) ${ALL_TABLES}`;
export const ANALYZE_SQL = `ANALYZE ${ALL_TABLES}`;
