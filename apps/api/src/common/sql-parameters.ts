import type { PlanChoice, RangeParameter, SqlStatement } from '@payload-tracker/entities';
import type { EpochMicros } from '@payload-tracker/status-lifecycle';

/** Collects positional parameters while a statement is assembled, handing out `$n` placeholders. */
export class SqlParameters {
  private readonly values: unknown[] = [];
  private readonly bounds: RangeParameter[] = [];

  /** Adds a value and returns its placeholder. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length.toString()}`;
  }

  /** Adds the text of a timestamp bound, remembering which column and side it closes. */
  addRangeBound(
    text: string,
    bound: { column: string; side: 'lower' | 'upper'; micros: EpochMicros },
  ): string {
    this.bounds.push({ position: this.values.length, ...bound });
    return this.add(text);
  }

  /** The values in placeholder order. */
  list(): unknown[] {
    return [...this.values];
  }

  /** The timestamp bounds among the values, in placeholder order. */
  ranges(): RangeParameter[] {
    return [...this.bounds];
  }

  /** `sql` with these values, planned as `plan` says (see {@link planForBounds}). */
  statement(sql: string, plan: PlanChoice): SqlStatement {
    return {
      sql,
      parameters: this.list(),
      plan,
      ranges: this.ranges(),
    };
  }
}

/**
 * Whether one generic plan serves a statement whatever its timestamp bounds. A bound decides
 * between walking the sort index and using the bounded column's index when the two differ (it
 * may match nothing or everything), so PostgreSQL must see its value. A bound is harmless when
 * it only narrows the index walk the statement makes anyway (`narrowsWalk`), and nothing else
 * filters: then the values change where the walk starts and stops, not which walk is best.
 */
export function planForBounds(
  bounds: readonly RangeParameter[],
  otherFilters: number,
  narrowsWalk: (bound: RangeParameter) => boolean,
): PlanChoice {
  if (bounds.length === 0) {
    return 'generic';
  }
  return otherFilters === 0 && bounds.every(narrowsWalk) ? 'generic' : 'auto';
}

/**
 * The plan of a capped count. One generic plan serves it when every bound is on one column and
 * nothing else filters (it walks that column's index). With bounds on two columns
 * (`last_status_at_lt` also bounds `created_at`) the values choose the index, and PostgreSQL's
 * own choice is not safe either: the `LIMIT` makes a generic sequential scan look cheaper than a
 * wide bound's custom plan, so after five executions it switched to scanning the whole table,
 * also for a bound that matches a few rows (120 ms against 2 ms). Those are planned every time.
 */
export function planForCount(bounds: readonly RangeParameter[], otherFilters: number): PlanChoice {
  if (new Set(bounds.map((bound) => bound.column)).size > 1) {
    return 'custom';
  }
  return planForBounds(bounds, otherFilters, () => true);
}
