import { COUNT_LIMIT, PAYLOAD_EXACT_FILTERS } from '@payload-tracker/api-contract';
import type {
  PayloadExactFilter,
  PayloadSortField,
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
import { SqlParameters, planForBounds } from '../common/sql-parameters';
import type { SqlStatement } from '@payload-tracker/entities';

/** What `GET /payloads` asks for (the validated query, by its contract names). */
export interface PayloadListCriteria
  extends
    PageCriteria<PayloadSortField>,
    ExactCriteria<PayloadExactFilter>,
    RangeCriteria<PayloadTimestampRange> {}

/** Each sort has a `(column, id)` index, so pages come straight off the index. */
const PAYLOAD_SORT_COLUMNS: Record<PayloadSortField, string> = {
  account: 'p.account',
  org_id: 'p.org_id',
  inventory_id: 'p.inventory_id',
  system_id: 'p.system_id',
  request_id: 'p.request_id',
  created_at: 'p.created_at',
};

const PAYLOAD_COLUMNS = `p.id, p.request_id, p.account, p.org_id, p.inventory_id, p.system_id,
       p.created_at::text AS created_at`;

function payloadConditions(criteria: PayloadListCriteria, parameters: SqlParameters): string[] {
  const conditions: string[] = [];
  for (const field of PAYLOAD_EXACT_FILTERS) {
    const value = criteria[field];
    if (value !== undefined) {
      conditions.push(`p.${field} = ${parameters.add(value)}`);
    }
  }
  conditions.push(
    ...timestampRangeConditions('p.created_at', rangeOf(criteria, 'created_at'), parameters),
  );
  return conditions;
}

/** How many exact-match filters the criteria set. */
function exactFilterCount(criteria: PayloadListCriteria): number {
  return PAYLOAD_EXACT_FILTERS.filter((field) => criteria[field] !== undefined).length;
}

/** One page of payloads, ordered by the sort column then the id. */
export function listPayloadsStatement(criteria: PayloadListCriteria): SqlStatement {
  const parameters = new SqlParameters();
  const where = whereClause(payloadConditions(criteria, parameters));
  const direction = sqlDirection(criteria.sort_dir);
  const sql = `
SELECT ${PAYLOAD_COLUMNS}
FROM payloads p
${where}
ORDER BY ${PAYLOAD_SORT_COLUMNS[criteria.sort_by]} ${direction}, p.id ${direction}
LIMIT ${parameters.add(criteria.page_size)} OFFSET ${parameters.add(criteria.page * criteria.page_size)}`;
  const sortColumn = PAYLOAD_SORT_COLUMNS[criteria.sort_by];
  return parameters.statement(
    sql,
    planForBounds(
      parameters.ranges(),
      exactFilterCount(criteria),
      (bound) => bound.column === sortColumn,
    ),
  );
}

/** How many payloads match, counting at most {@link COUNT_LIMIT} + 1 rows. */
export function countPayloadsStatement(criteria: PayloadListCriteria): SqlStatement {
  const parameters = new SqlParameters();
  const where = whereClause(payloadConditions(criteria, parameters));
  const sql = `
SELECT count(*)::integer AS count
FROM (SELECT 1 FROM payloads p ${where} LIMIT ${(COUNT_LIMIT + 1).toString()}) AS matching`;
  // A count walks the index of its one bounded column.
  return parameters.statement(
    sql,
    planForBounds(parameters.ranges(), exactFilterCount(criteria), () => true),
  );
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
 * The payload with this request id and all its statuses, in one statement (one round trip, one
 * plan): a row per status carrying the payload's columns, or one row with NULL status columns
 * when the payload has none; no row when there is no such payload.
 */
export function payloadWithStatusesStatement(
  requestId: string,
  sortBy: PayloadStatusSortField,
  sortDir: SortDirection,
): SqlStatement {
  const direction = sqlDirection(sortDir);
  const sql = `
SELECT p.id AS payload_id, p.request_id, p.account, p.org_id, p.inventory_id, p.system_id,
       p.created_at::text AS payload_created_at,
       s.id, s.service, s.source, s.status, s.status_msg,
       s.date::text AS date, s.created_at::text AS created_at
FROM payloads p
LEFT JOIN LATERAL (
  SELECT ps.id, ps.status_msg, ps.date, ps.created_at,
         (SELECT sv.name FROM services sv WHERE sv.id = ps.service_id) AS service,
         (SELECT so.name FROM sources so WHERE so.id = ps.source_id) AS source,
         (SELECT st.name FROM statuses st WHERE st.id = ps.status_id) AS status
  FROM payload_statuses ps
  WHERE ps.payload_id = p.id
) s ON true
WHERE p.request_id = $1
ORDER BY ${PAYLOAD_STATUS_SORT_COLUMNS[sortBy]} ${direction}, s.id ${direction}`;
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
