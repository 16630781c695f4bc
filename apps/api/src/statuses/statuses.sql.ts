import { SHORT_STATUS_MSG_MAX_BYTES, STATUS_MSG_INDEXED_PREFIX } from '@payload-tracker/entities';
import {
  COUNT_LIMIT,
  STATUS_EXACT_FILTERS,
  STATUS_LOWER_CASED_FILTERS,
} from '@payload-tracker/api-contract';
import type {
  StatusExactFilter,
  StatusLowerCasedFilter,
  StatusSortField,
  StatusTimestampRange,
} from '@payload-tracker/api-contract';
import {
  rangeOf,
  sqlDirection,
  timestampRangeConditions,
  whereClause,
} from '../common/sql-fragments';
import type { ExactCriteria, PageCriteria, RangeCriteria } from '../common/sql-fragments';
import { SqlParameters, planForBounds, planForCount } from '../common/sql-parameters';
import type { RangeParameter } from '@payload-tracker/entities';
import type { SqlStatement } from '@payload-tracker/entities';

/** What `GET /statuses` asks for (the validated query, by its contract names). */
export interface StatusListCriteria
  extends
    PageCriteria<StatusSortField>,
    ExactCriteria<StatusExactFilter>,
    RangeCriteria<StatusTimestampRange> {}

/**
 * `status_msg` is indexed, filtered and sorted by its first `STATUS_MSG_INDEXED_PREFIX`
 * characters (exact equality is still checked on the whole text).
 */
const STATUS_MSG_SORT_KEY = `left(ps.status_msg, ${STATUS_MSG_INDEXED_PREFIX.toString()})`;

/**
 * Equality on `status_msg`. A short value is matched on the whole-message index, whose
 * predicate the condition repeats so the planner may use it (and count from the index alone);
 * a longer one by the indexed prefix, then the whole text.
 */
function statusMsgConditions(value: string, parameters: SqlParameters): string[] {
  const placeholder = parameters.add(value);
  if (Buffer.byteLength(value, 'utf8') <= SHORT_STATUS_MSG_MAX_BYTES) {
    return [
      `ps.status_msg = ${placeholder}`,
      `octet_length(ps.status_msg) <= ${SHORT_STATUS_MSG_MAX_BYTES.toString()}`,
    ];
  }
  return [
    `${STATUS_MSG_SORT_KEY} = left(${placeholder}, ${STATUS_MSG_INDEXED_PREFIX.toString()})`,
    `ps.status_msg = ${placeholder}`,
  ];
}

/** Columns of `payload_statuses` carried from the page query to the final select. */
const STATUS_COLUMNS =
  'ps.id, ps.payload_id, ps.service_id, ps.source_id, ps.status_id, ps.status_msg, ps.date, ps.created_at';

/**
 * How each sort is served. Plain columns come off a `(column, id)` index of the partitioned
 * table. Names live in lookup tables, so an index cannot order statuses by them: instead the
 * (small) lookup table is walked in name order and each name contributes at most one page of
 * its statuses through a `(lookup_id, id)` index; `request_id` works the same way over
 * `payloads` ordered by its unique index, stopping as soon as the page is full.
 */
type SortPlan =
  | { readonly kind: 'column'; readonly expression: string }
  | {
      readonly kind: 'lookup';
      readonly table: string;
      readonly keyColumn: string;
      readonly foreignKey: string;
      readonly nullable: boolean;
    };

const SORT_PLANS: Record<StatusSortField, SortPlan> = {
  date: { kind: 'column', expression: 'ps.date' },
  created_at: { kind: 'column', expression: 'ps.created_at' },
  status_msg: { kind: 'column', expression: STATUS_MSG_SORT_KEY },
  service: {
    kind: 'lookup',
    table: 'services',
    keyColumn: 'name',
    foreignKey: 'service_id',
    nullable: false,
  },
  status: {
    kind: 'lookup',
    table: 'statuses',
    keyColumn: 'name',
    foreignKey: 'status_id',
    nullable: false,
  },
  source: {
    kind: 'lookup',
    table: 'sources',
    keyColumn: 'name',
    foreignKey: 'source_id',
    nullable: true,
  },
  request_id: {
    kind: 'lookup',
    table: 'payloads',
    keyColumn: 'request_id',
    foreignKey: 'payload_id',
    nullable: false,
  },
};

/** Lookup names are stored trimmed and lower-cased, so the filter value is lower-cased to match. */
const NAME_FILTERS: Record<StatusLowerCasedFilter, { table: string; foreignKey: string }> = {
  service: { table: 'services', foreignKey: 'service_id' },
  source: { table: 'sources', foreignKey: 'source_id' },
  status: { table: 'statuses', foreignKey: 'status_id' },
};

function statusConditions(criteria: StatusListCriteria, parameters: SqlParameters): string[] {
  const conditions: string[] = [];
  // A scalar subquery resolves the id once, so the `(lookup_id, date)` index serves the filter.
  for (const parameter of STATUS_LOWER_CASED_FILTERS) {
    const value = criteria[parameter];
    if (value !== undefined) {
      const filter = NAME_FILTERS[parameter];
      conditions.push(
        `ps.${filter.foreignKey} = (SELECT id FROM ${filter.table} WHERE name = lower(${parameters.add(value.trim())}))`,
      );
    }
  }
  if (criteria.request_id !== undefined) {
    conditions.push(
      `ps.payload_id = (SELECT id FROM payloads WHERE request_id = ${parameters.add(criteria.request_id)})`,
    );
  }
  if (criteria.status_msg !== undefined) {
    conditions.push(...statusMsgConditions(criteria.status_msg, parameters));
  }
  conditions.push(
    ...timestampRangeConditions('ps.date', rangeOf(criteria, 'date'), parameters),
    ...timestampRangeConditions('ps.created_at', rangeOf(criteria, 'created_at'), parameters),
  );
  return conditions;
}

/**
 * `created_at` below a bound, sorted by `date`. The filter and the sort disagree, so a plain
 * walk of the `(date, id)` index skips every status newer than the bound first (seconds on ten
 * million rows). But a status is stored after it happened (`created_at >= date`), so for those
 * rows the bound caps `date` too and the walk starts at the bound. The rest, stored before their
 * own date (a producer clock ahead), come from a partial index that holds only them; each branch
 * gives at most offset + limit rows and the two are merged.
 */
function storedBeforePageQuery(
  criteria: StatusListCriteria,
  conditions: readonly string[],
  parameters: SqlParameters,
  page: { limit: string; offset: string; direction: 'ASC' | 'DESC' },
): { page: string; orderBy: string } {
  const dateCap = timestampRangeConditions(
    'ps.date',
    { lt: criteria.created_at_lt, lte: criteria.created_at_lte },
    parameters,
  );
  const perBranchLimit = parameters.add(criteria.page * criteria.page_size + criteria.page_size);
  const orderBy = `ps.date ${page.direction}, ps.id ${page.direction}`;
  const branch = (extra: readonly string[]): string => `
    (SELECT ${STATUS_COLUMNS}
    FROM payload_statuses ps
    ${whereClause([...conditions, ...extra])}
    ORDER BY ${orderBy}
    LIMIT ${perBranchLimit})`;
  return {
    page: `
  SELECT ps.*
  FROM (${branch(['ps.created_at >= ps.date', ...dateCap])}
    UNION ALL${branch(['ps.created_at < ps.date'])}
  ) ps
  ORDER BY ${orderBy}
  LIMIT ${page.limit} OFFSET ${page.offset}`,
    orderBy,
  };
}

function pageQuery(
  criteria: StatusListCriteria,
  parameters: SqlParameters,
): { page: string; orderBy: string } {
  const direction = sqlDirection(criteria.sort_dir);
  const conditions = statusConditions(criteria, parameters);
  const limit = parameters.add(criteria.page_size);
  const offset = parameters.add(criteria.page * criteria.page_size);
  const plan = SORT_PLANS[criteria.sort_by];
  if (
    criteria.sort_by === 'date' &&
    (criteria.created_at_lt !== undefined || criteria.created_at_lte !== undefined)
  ) {
    return storedBeforePageQuery(criteria, conditions, parameters, { limit, offset, direction });
  }
  if (plan.kind === 'column') {
    return {
      page: `
  SELECT ${STATUS_COLUMNS}
  FROM payload_statuses ps
  ${whereClause(conditions)}
  ORDER BY ${plan.expression} ${direction}, ps.id ${direction}
  LIMIT ${limit} OFFSET ${offset}`,
      orderBy: `${plan.expression} ${direction}, ps.id ${direction}`,
    };
  }
  // No name contributes more than offset + limit rows to the page.
  const perKeyLimit = parameters.add(criteria.page * criteria.page_size + criteria.page_size);
  const statusesOfKey = (keyCondition: string): string => `
      SELECT ${STATUS_COLUMNS}
      FROM payload_statuses ps
      ${whereClause([keyCondition, ...conditions])}
      ORDER BY ps.id ${direction}
      LIMIT ${perKeyLimit}`;
  const byKey = `
    SELECT ${STATUS_COLUMNS}, lk.${plan.keyColumn} AS sort_key
    FROM ${plan.table} lk
    CROSS JOIN LATERAL (${statusesOfKey(`ps.${plan.foreignKey} = lk.id`)}
    ) ps`;
  const candidates = plan.nullable
    ? `${byKey}
    UNION ALL
    SELECT ${STATUS_COLUMNS}, NULL AS sort_key
    FROM (${statusesOfKey(`ps.${plan.foreignKey} IS NULL`)}
    ) ps`
    : byKey;
  // NULL keys sort as PostgreSQL sorts them on a LEFT JOIN: last ascending, first descending.
  return {
    page: `
  SELECT ps.*
  FROM (${candidates}
  ) ps
  ORDER BY ps.sort_key ${direction}, ps.id ${direction}
  LIMIT ${limit} OFFSET ${offset}`,
    orderBy: `ps.sort_key ${direction}, ps.id ${direction}`,
  };
}

/** How many filters other than timestamp ranges the criteria set. */
function otherFilterCount(criteria: StatusListCriteria): number {
  return STATUS_EXACT_FILTERS.filter((field) => criteria[field] !== undefined).length;
}

/** Which bounds only narrow the index walk of a page (see `planForBounds`). */
function narrowsPageWalk(criteria: StatusListCriteria): (bound: RangeParameter) => boolean {
  const plan = SORT_PLANS[criteria.sort_by];
  return (bound) =>
    (plan.kind === 'column' && bound.column === plan.expression) ||
    // The stored-before rewrite turns an upper created_at bound into a cap on the date walk.
    (criteria.sort_by === 'date' && bound.column === 'ps.created_at' && bound.side === 'upper');
}

/**
 * One page of statuses with names resolved, in the requested order. The names come from scalar
 * subqueries, one index probe per row of the page, rather than joins: the plan then cannot
 * depend on how many rows the page holds, so it stays right when it is prepared once and reused
 * for any `LIMIT` (see "Query plans" in apps/api/README.md).
 */
export function listStatusesStatement(criteria: StatusListCriteria): SqlStatement {
  const parameters = new SqlParameters();
  const { page, orderBy } = pageQuery(criteria, parameters);
  const sql = `
WITH page AS (${page}
)
SELECT ps.id,
       (SELECT p.request_id FROM payloads p WHERE p.id = ps.payload_id) AS request_id,
       (SELECT sv.name FROM services sv WHERE sv.id = ps.service_id) AS service,
       (SELECT so.name FROM sources so WHERE so.id = ps.source_id) AS source,
       (SELECT st.name FROM statuses st WHERE st.id = ps.status_id) AS status,
       ps.status_msg, ps.date::text AS date, ps.created_at::text AS created_at
FROM page ps
ORDER BY ${orderBy}`;
  return parameters.statement(
    sql,
    planForBounds(parameters.ranges(), otherFilterCount(criteria), narrowsPageWalk(criteria)),
  );
}

/** How many statuses match, counting at most {@link COUNT_LIMIT} + 1 rows. */
export function countStatusesStatement(criteria: StatusListCriteria): SqlStatement {
  const parameters = new SqlParameters();
  const where = whereClause(statusConditions(criteria, parameters));
  const sql = `
SELECT count(*)::integer AS count
FROM (SELECT 1 FROM payload_statuses ps ${where} LIMIT ${(COUNT_LIMIT + 1).toString()}) AS matching`;
  return parameters.statement(sql, planForCount(parameters.ranges(), otherFilterCount(criteria)));
}
