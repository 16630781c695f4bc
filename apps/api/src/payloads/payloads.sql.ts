import { NO_SOURCE_ID } from '@payload-tracker/entities';
import {
  COUNT_LIMIT,
  PAYLOAD_EXACT_FILTERS,
  PAYLOAD_STATE_FILTER_VALUES,
} from '@payload-tracker/api-contract';
import type {
  PayloadExactFilter,
  PayloadOutcomeTimestampRange,
  PayloadSortField,
  PayloadStateFilterValue,
  PayloadStatusSortField,
  PayloadTimestampRange,
  SortDirection,
} from '@payload-tracker/api-contract';
import {
  rangeOf,
  sqlDirection,
  timestampRangeConditions,
  whereClause,
} from '../common/sql-fragments';
import type { ExactCriteria, PageCriteria, RangeCriteria } from '../common/sql-fragments';
import { SqlParameters, planForBounds, planForCount } from '../common/sql-parameters';
import type { SqlStatement } from '@payload-tracker/entities';

/** What `GET /payloads` asks for (the validated query, by its contract names). */
export interface PayloadListCriteria
  extends
    PageCriteria<PayloadSortField>,
    ExactCriteria<PayloadExactFilter>,
    RangeCriteria<PayloadTimestampRange>,
    RangeCriteria<PayloadOutcomeTimestampRange> {
  /** Any of these states (validated, several allowed). */
  readonly state?: readonly PayloadStateFilterValue[];
  /** The service of the earliest failure. */
  readonly failed_service?: string;
}

/** How a payload's state is read: `stalled` is an `in_progress` one silent this long. */
export interface OutcomeReading {
  readonly stalledAfterMinutes: number;
}

/**
 * Each sort has a `(column, id)` index, so pages come straight off the index. With an outcome
 * filter or sort the rows come from `payload_outcomes`, whose indexes end in `payload_id` (the
 * payload's id) and whose `created_at` repeats the payload's: `state=X` and the default sort
 * walk `(state, created_at, payload_id)`.
 */
const PAYLOAD_SORT_COLUMNS: Record<PayloadSortField, string> = {
  account: 'p.account',
  org_id: 'p.org_id',
  inventory_id: 'p.inventory_id',
  system_id: 'p.system_id',
  request_id: 'p.request_id',
  created_at: 'p.created_at',
  last_status_at: 'o.last_status_at',
};

/** Where the sort and `created_at` come from once `payload_outcomes` is joined. */
const OUTCOME_SORT_COLUMNS: Partial<Record<PayloadSortField, string>> = {
  created_at: 'o.created_at',
  last_status_at: 'o.last_status_at',
};

/** The database's clock decides `stalled`; the threshold is a validated integer setting. */
function stalledSince(reading: OutcomeReading): string {
  if (!Number.isSafeInteger(reading.stalledAfterMinutes) || reading.stalledAfterMinutes < 1) {
    throw new Error(`Invalid stalled threshold: ${String(reading.stalledAfterMinutes)}`);
  }
  return `now() - make_interval(mins => ${reading.stalledAfterMinutes.toString()})`;
}

/**
 * The condition of each state on `payload_outcomes o`. States come from the contract's
 * allow-list, never from the request's text, so they are written as literals: the planner then
 * sees which `state` it looks for (the states are far from evenly spread).
 */
function stateCondition(state: PayloadStateFilterValue, reading: OutcomeReading): string {
  switch (state) {
    case 'failed':
      return `o.state = 'failed'`;
    case 'succeeded':
      return `o.state = 'succeeded'`;
    case 'in_progress':
      return `(o.state = 'in_progress' AND o.last_status_at >= ${stalledSince(reading)})`;
    case 'stalled':
      return `(o.state = 'in_progress' AND o.last_status_at < ${stalledSince(reading)})`;
  }
}

/**
 * The condition of each wanted state, in the contract's order whatever the request's (in
 * progress and stalled together are every stored in_progress: one condition).
 */
function stateConditions(
  states: readonly PayloadStateFilterValue[],
  reading: OutcomeReading,
): string[] {
  const wanted = PAYLOAD_STATE_FILTER_VALUES.filter((state) => states.includes(state));
  // In progress and stalled together are every stored in_progress.
  const merged =
    wanted.includes('in_progress') && wanted.includes('stalled')
      ? [...wanted.filter((state) => state !== 'in_progress' && state !== 'stalled'), null]
      : wanted;
  return merged.map((state) =>
    state === null ? `o.state = 'in_progress'` : stateCondition(state, reading),
  );
}

/** One condition for several states. */
function statesCondition(
  states: readonly PayloadStateFilterValue[],
  reading: OutcomeReading,
): string {
  const conditions = stateConditions(states, reading);
  return conditions.length === 1 ? (conditions[0] ?? '') : `(${conditions.join(' OR ')})`;
}

/**
 * Whether the rows are chosen by an outcome index that continues with `created_at` (state,
 * failed service): then `created_at` is read from `payload_outcomes`, whose copy those indexes
 * hold; otherwise from `payloads` (whose `created_at` index serves a `last_status_at` range
 * with the default sort as it serves an unfiltered list).
 */
function outcomeKeyed(criteria: PayloadListCriteria): boolean {
  return criteria.state !== undefined || criteria.failed_service !== undefined;
}

/** Whether the criteria need `payload_outcomes`: an outcome filter or sort. */
function usesOutcomes(criteria: PayloadListCriteria): boolean {
  return (
    criteria.state !== undefined ||
    criteria.failed_service !== undefined ||
    criteria.sort_by === 'last_status_at' ||
    Object.values(rangeOf(criteria, 'last_status_at')).some((bound) => bound !== undefined)
  );
}

function payloadConditions(
  criteria: PayloadListCriteria,
  parameters: SqlParameters,
  reading: OutcomeReading,
  stateOverride?: string,
  outcomesOnly = false,
): string[] {
  // Where created_at is read: the outcome's copy when an outcome index leads, or when the
  // statement reads payload_outcomes alone (a count of outcome filters).
  const createdAt = outcomesOnly || outcomeKeyed(criteria) ? 'o.created_at' : 'p.created_at';
  const conditions: string[] = [];
  for (const field of PAYLOAD_EXACT_FILTERS) {
    const value = criteria[field];
    if (value !== undefined) {
      conditions.push(`p.${field} = ${parameters.add(value)}`);
    }
  }
  if (stateOverride !== undefined) {
    conditions.push(stateOverride);
  } else if (criteria.state !== undefined) {
    conditions.push(statesCondition(criteria.state, reading));
  }
  if (criteria.failed_service !== undefined) {
    // Resolved once, so the partial `(failed_service_id, created_at, payload_id)` index serves it.
    conditions.push(
      `o.failed_service_id = (SELECT id FROM services WHERE name = lower(${parameters.add(criteria.failed_service.trim())}))`,
    );
  }
  conditions.push(
    ...timestampRangeConditions(createdAt, rangeOf(criteria, 'created_at'), parameters),
    ...timestampRangeConditions(
      'o.last_status_at',
      rangeOf(criteria, 'last_status_at'),
      parameters,
    ),
  );
  // Implied, for the index: a payload's created_at (its earliest status date) is never after
  // its latest status, so `last_status_at < X` bounds created_at too, and the default sort's
  // walk down `created_at` starts at X instead of skipping every newer payload.
  const { lt, lte } = rangeOf(criteria, 'last_status_at');
  conditions.push(...timestampRangeConditions(createdAt, { lt, lte }, parameters));
  return conditions;
}

/** How many filters other than timestamp bounds the criteria set. */
function otherFilterCount(criteria: PayloadListCriteria): number {
  return (
    PAYLOAD_EXACT_FILTERS.filter((field) => criteria[field] !== undefined).length +
    (criteria.state === undefined ? 0 : 1) +
    (criteria.failed_service === undefined ? 0 : 1)
  );
}

const PAYLOAD_COLUMNS = `p.id, p.request_id, p.account, p.org_id, p.inventory_id, p.system_id,
       p.created_at`;

const OUTCOME_COLUMNS = `o.state AS stored_state, o.status_count, o.last_status_at,
       o.last_service_id, o.last_source_id, o.last_status_id, o.failed_at, o.failed_service_id,
       o.failed_source_id, o.failed_status_id, o.failed_status_msg`;

/** The outcome columns of a row `pg` (a page or one payload), lookups resolved to names. */
function outcomeProjection(row: string, reading: OutcomeReading): string {
  return `CASE WHEN ${row}.stored_state = 'in_progress' AND ${row}.last_status_at < ${stalledSince(reading)}
         THEN 'stalled' ELSE ${row}.stored_state END AS state,
       ${row}.status_count, ${row}.last_status_at::text AS last_status_at,
       (SELECT sv.name FROM services sv WHERE sv.id = ${row}.last_service_id) AS last_service,
       (SELECT so.name FROM sources so WHERE so.id = ${row}.last_source_id) AS last_source,
       (SELECT st.name FROM statuses st WHERE st.id = ${row}.last_status_id) AS last_status,
       (SELECT sv.name FROM services sv WHERE sv.id = ${row}.failed_service_id) AS failed_service,
       (SELECT so.name FROM sources so WHERE so.id = ${row}.failed_source_id) AS failed_source,
       (SELECT st.name FROM statuses st WHERE st.id = ${row}.failed_status_id) AS failed_status,
       ${row}.failed_status_msg, ${row}.failed_at::text AS failed_at`;
}

/** The `service:source` groups of the payload `row.payload_id`, as a JSON array (`groups`). */
function groupsProjection(row: string): string {
  return `(SELECT coalesce(json_agg(json_build_object(
                 'service', (SELECT sv.name FROM services sv WHERE sv.id = g.service_id),
                 'source', (SELECT so.name FROM sources so
                            WHERE so.id = nullif(g.source_id, ${NO_SOURCE_ID.toString()})),
                 'first_at', g.first_at::text,
                 'last_at', g.last_at::text,
                 'status_count', g.status_count,
                 'success_count', g.success_count,
                 'failure_count', g.failure_count)), '[]'::json)
        FROM payload_groups g
        WHERE g.payload_id = ${row}.payload_id) AS groups`;
}

/** A status row `ps` of `payload_statuses` with its lookups resolved to names. */
const NAMED_STATUS_COLUMNS = `ps.id, ps.status_msg, ps.date, ps.created_at,
         (SELECT sv.name FROM services sv WHERE sv.id = ps.service_id) AS service,
         (SELECT so.name FROM sources so WHERE so.id = ps.source_id) AS source,
         (SELECT st.name FROM statuses st WHERE st.id = ps.status_id) AS status`;

/**
 * One page of payloads, ordered by the sort column then the id. The page is chosen first and
 * only its rows get their lookups resolved; without an outcome filter or sort the outcome is
 * joined to the page's payloads by its primary key (and a payload without one lacks the
 * fields); with one, only payloads that have an outcome match.
 */
export function listPayloadsStatement(
  criteria: PayloadListCriteria,
  reading: OutcomeReading,
): SqlStatement {
  const parameters = new SqlParameters();
  const joined = usesOutcomes(criteria);
  const direction = sqlDirection(criteria.sort_dir);
  const sortColumn =
    (joined && (outcomeKeyed(criteria) || criteria.sort_by === 'last_status_at')
      ? OUTCOME_SORT_COLUMNS[criteria.sort_by]
      : undefined) ?? PAYLOAD_SORT_COLUMNS[criteria.sort_by];
  const tieBreak = sortColumn.startsWith('o.') ? 'o.payload_id' : 'p.id';
  // The page keeps the column's name (`o.created_at` equals `p.created_at`).
  const pageSortColumn = `pg.${sortColumn.slice(2)}`;
  const order = `${sortColumn} ${direction}, ${tieBreak} ${direction}`;
  const from = `FROM payloads p
  ${joined ? 'JOIN' : 'LEFT JOIN'} payload_outcomes o ON o.payload_id = p.id`;
  const states = criteria.state === undefined ? [] : stateConditions(criteria.state, reading);
  let page: string;
  if (states.length > 1) {
    // Several states: one ordered index walk per state, merged; an OR would sort them all.
    const wanted = parameters.add((criteria.page + 1) * criteria.page_size);
    const branches = states.map((state) => {
      const where = whereClause(payloadConditions(criteria, parameters, reading, state));
      return `(SELECT ${PAYLOAD_COLUMNS},
         ${OUTCOME_COLUMNS}
  ${from}
  ${where}
  ORDER BY ${order}
  LIMIT ${wanted})`;
    });
    page = `SELECT * FROM (${branches.join('\n  UNION ALL\n  ')}) u
  ORDER BY u.${sortColumn.slice(2)} ${direction}, u.id ${direction}
  LIMIT ${parameters.add(criteria.page_size)} OFFSET ${parameters.add(criteria.page * criteria.page_size)}`;
  } else {
    const where = whereClause(payloadConditions(criteria, parameters, reading));
    page = `SELECT ${PAYLOAD_COLUMNS},
         ${OUTCOME_COLUMNS}
  ${from}
  ${where}
  ORDER BY ${order}
  LIMIT ${parameters.add(criteria.page_size)} OFFSET ${parameters.add(criteria.page * criteria.page_size)}`;
  }
  const sql = `
SELECT pg.id, pg.request_id, pg.account, pg.org_id, pg.inventory_id, pg.system_id,
       pg.created_at::text AS created_at,
       ${outcomeProjection('pg', reading)}
FROM (
  ${page}
) pg
ORDER BY ${pageSortColumn} ${direction}, pg.id ${direction}`;
  return parameters.statement(
    sql,
    planForBounds(
      parameters.ranges(),
      otherFilterCount(criteria),
      (bound) => bound.column === sortColumn,
    ),
  );
}

/**
 * How many payloads match, counting at most {@link COUNT_LIMIT} + 1 rows. Outcome filters alone
 * count `payload_outcomes` alone (one row per payload).
 */
export function countPayloadsStatement(
  criteria: PayloadListCriteria,
  reading: OutcomeReading,
): SqlStatement {
  const parameters = new SqlParameters();
  const joined = usesOutcomes(criteria);
  const hasPayloadFilter = PAYLOAD_EXACT_FILTERS.some((field) => criteria[field] !== undefined);
  const outcomesOnly = joined && !hasPayloadFilter;
  const where = whereClause(
    payloadConditions(criteria, parameters, reading, undefined, outcomesOnly),
  );
  const from = !joined
    ? 'payloads p'
    : outcomesOnly
      ? 'payload_outcomes o'
      : 'payloads p JOIN payload_outcomes o ON o.payload_id = p.id';
  const sql = `
SELECT count(*)::integer AS count
FROM (SELECT 1 FROM ${from} ${where} LIMIT ${(COUNT_LIMIT + 1).toString()}) AS matching`;
  return parameters.statement(sql, planForCount(parameters.ranges(), otherFilterCount(criteria)));
}

/** Names sort alphabetically here: one payload has few statuses, so sorting them is cheap. */
const PAYLOAD_STATUS_SORT_COLUMNS: Record<PayloadStatusSortField, string> = {
  service: 's.service',
  source: 's.source',
  status: 's.status',
  status_msg: 's.status_msg',
  date: 's.date',
  created_at: 's.created_at',
};

/**
 * The payload with this request id, all its statuses (as JSON, in the requested order) and its
 * outcome with its `service:source` groups (as JSON, in no particular order), in one statement
 * and one row: one round trip and one plan for the whole upload. The outcome columns are NULL
 * when the payload has no outcome yet; no row when there is no such payload.
 */
export function payloadDetailStatement(
  requestId: string,
  sortBy: PayloadStatusSortField,
  sortDir: SortDirection,
  reading: OutcomeReading,
): SqlStatement {
  const direction = sqlDirection(sortDir);
  const sql = `
SELECT pg.payload_id, pg.request_id, pg.account, pg.org_id, pg.inventory_id, pg.system_id,
       pg.payload_created_at,
       (SELECT coalesce(json_agg(json_build_object(
                 'id', s.id::text,
                 'service', s.service,
                 'source', s.source,
                 'status', s.status,
                 'status_msg', s.status_msg,
                 'date', s.date::text,
                 'created_at', s.created_at::text)
               ORDER BY ${PAYLOAD_STATUS_SORT_COLUMNS[sortBy]} ${direction}, s.id ${direction}), '[]'::json)
        FROM (
          SELECT ${NAMED_STATUS_COLUMNS}
          FROM payload_statuses ps
          WHERE ps.payload_id = pg.payload_id
        ) s) AS statuses,
       ${outcomeProjection('pg', reading)},
       ${groupsProjection('pg')}
FROM (
  SELECT p.id AS payload_id, p.request_id, p.account, p.org_id, p.inventory_id, p.system_id,
         p.created_at::text AS payload_created_at, ${OUTCOME_COLUMNS}
  FROM payloads p
  LEFT JOIN payload_outcomes o ON o.payload_id = p.id
  WHERE p.request_id = $1
) pg`;
  return { sql, parameters: [requestId], plan: 'generic' };
}

/**
 * The outcome of the payload with this request id and its `service:source` groups (as JSON, in
 * no particular order); no row when the payload has no outcome. An event stream reads it after
 * each new status; a whole upload reads it in {@link payloadDetailStatement}.
 */
export function payloadSummaryStatement(requestId: string, reading: OutcomeReading): SqlStatement {
  const sql = `
SELECT ${outcomeProjection('pg', reading)},
       ${groupsProjection('pg')}
FROM (
  SELECT o.payload_id, ${OUTCOME_COLUMNS}
  FROM payloads p
  JOIN payload_outcomes o ON o.payload_id = p.id
  WHERE p.request_id = $1
) pg`;
  return { sql, parameters: [requestId], plan: 'generic' };
}

/** First and last status date of a payload, for the Kibana time window. */
export function payloadTimeSpanStatement(requestId: string): SqlStatement {
  const sql = `
SELECT min(ps.date)::text AS first_date, max(ps.date)::text AS last_date
FROM payloads p
JOIN payload_statuses ps ON ps.payload_id = p.id
WHERE p.request_id = $1`;
  return { sql, parameters: [requestId], plan: 'generic' };
}

/**
 * What an event stream of the payload with this request id starts from: the payload's id and
 * its latest status id (NULL without statuses); no row when there is no such payload.
 */
export function payloadStreamStartStatement(requestId: string): SqlStatement {
  const sql = `
SELECT p.id::text AS payload_id,
       (SELECT max(ps.id) FROM payload_statuses ps WHERE ps.payload_id = p.id)::text
         AS latest_status_id
FROM payloads p
WHERE p.request_id = $1`;
  return { sql, parameters: [requestId], plan: 'generic' };
}

/**
 * The statuses of one payload (by its id) stored after the status `afterId`, in id order, at
 * most `limit` of them, each row carrying the payload's columns. Per payload, ids grow in commit order (see
 * `StatusBatchWriter`), so this is a gap-free cursor.
 */
export function payloadStatusesAfterStatement(
  payloadId: string,
  afterId: string,
  limit: number,
): SqlStatement {
  const sql = `
SELECT p.id AS payload_id, p.request_id, p.account, p.org_id, p.inventory_id, p.system_id,
       p.created_at::text AS payload_created_at,
       s.id, s.service, s.source, s.status, s.status_msg,
       s.date::text AS date, s.created_at::text AS created_at
FROM payloads p
JOIN LATERAL (
  SELECT ${NAMED_STATUS_COLUMNS}
  FROM payload_statuses ps
  WHERE ps.payload_id = p.id AND ps.id > $2::bigint
  ORDER BY ps.id
  LIMIT $3
) s ON true
WHERE p.id = $1::bigint
ORDER BY s.id`;
  return { sql, parameters: [payloadId, afterId, limit], plan: 'generic' };
}
