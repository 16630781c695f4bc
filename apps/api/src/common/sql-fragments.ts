import { formatTimestamp } from '@payload-tracker/status-lifecycle';
import type { EpochMicros } from '@payload-tracker/status-lifecycle';
import type {
  SortDirection,
  TimestampBoundParameter,
  TimestampBoundSuffix,
} from '@payload-tracker/api-contract';
import type { SqlParameters } from './sql-parameters';

/** Range parameters on one timestamp column, as the contract names their suffixes. */
export type TimestampRange = { readonly [Suffix in TimestampBoundSuffix]?: EpochMicros };

/** Criteria holding `<column>_lt`, `_lte`, `_gt` and `_gte` bounds, as the contract names them. */
export type RangeCriteria<Column extends string> = {
  readonly [Parameter in TimestampBoundParameter<Column>]?: EpochMicros;
};

/** Criteria holding exact-match filters, by their contract names. */
export type ExactCriteria<Filter extends string> = { readonly [Name in Filter]?: string };

/** The page and order a list statement asks for. */
export interface PageCriteria<SortField extends string> {
  readonly page: number;
  readonly page_size: number;
  readonly sort_by: SortField;
  readonly sort_dir: SortDirection;
}

/** The bounds of one column among the criteria (`created_at_lt`... for `created_at`). */
export function rangeOf<Column extends string>(
  criteria: RangeCriteria<Column>,
  column: Column,
): TimestampRange {
  return {
    lt: criteria[`${column}_lt`],
    lte: criteria[`${column}_lte`],
    gt: criteria[`${column}_gt`],
    gte: criteria[`${column}_gte`],
  };
}

const RANGE_OPERATORS = { lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;
const RANGE_SIDES = { lt: 'upper', lte: 'upper', gt: 'lower', gte: 'lower' } as const;

/**
 * Conditions for a timestamp range. Bounds travel as microsecond text and are cast by
 * PostgreSQL, never through a JavaScript `Date`.
 */
export function timestampRangeConditions(
  column: string,
  range: TimestampRange,
  parameters: SqlParameters,
): string[] {
  const conditions: string[] = [];
  for (const key of ['gt', 'gte', 'lt', 'lte'] as const) {
    const bound = range[key];
    if (bound !== undefined) {
      conditions.push(
        `${column} ${RANGE_OPERATORS[key]} ${parameters.addRangeBound(formatTimestamp(bound), { column, side: RANGE_SIDES[key], micros: bound })}::timestamptz`,
      );
    }
  }
  return conditions;
}

/** `WHERE a AND b`, or nothing. */
export function whereClause(conditions: readonly string[]): string {
  return conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
}

/** SQL keyword of a sort direction. */
export function sqlDirection(direction: SortDirection): 'ASC' | 'DESC' {
  return direction === 'asc' ? 'ASC' : 'DESC';
}
