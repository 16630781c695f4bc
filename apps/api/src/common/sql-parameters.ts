import type { EpochMicros } from '@payload-tracker/status-lifecycle';

/** A timestamp bound among a statement's parameters. */
export interface RangeParameter {
  /** Index of the bound in the statement's parameters. */
  readonly position: number;
  readonly side: 'lower' | 'upper';
  readonly micros: EpochMicros;
}

/** Collects positional parameters while a statement is assembled, handing out `$n` placeholders. */
export class SqlParameters {
  private readonly values: unknown[] = [];
  private readonly bounds: RangeParameter[] = [];

  /** Adds a value and returns its placeholder. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length.toString()}`;
  }

  /** Adds the text of a timestamp bound, remembering which side of a range it closes. */
  addRangeBound(text: string, side: 'lower' | 'upper', micros: EpochMicros): string {
    this.bounds.push({ position: this.values.length, side, micros });
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

  /**
   * `sql` with these values. A timestamp bound decides whether walking the sort index or the
   * bounded column's index is cheap (it may match nothing or everything), so such a statement
   * keeps PostgreSQL's per-value planning; without one the plan is the same for every value,
   * and the generic plan is reused.
   */
  statement(sql: string): SqlStatement {
    return {
      sql,
      parameters: this.list(),
      plan: this.bounds.length > 0 ? 'auto' : 'generic',
      ranges: this.ranges(),
    };
  }
}

/**
 * How PostgreSQL plans a prepared statement. `generic`: the statement's best plan does not
 * depend on its values (equality filters, sorts, paging), so one plan serves every execution
 * and planning is skipped. `auto`: the values decide the plan (a timestamp bound can match
 * nothing or everything), so PostgreSQL's default choice stays.
 */
export type PlanChoice = 'generic' | 'auto';

/** A statement ready for the driver. */
export interface SqlStatement {
  readonly sql: string;
  readonly parameters: readonly unknown[];
  readonly plan: PlanChoice;
  /** The timestamp bounds among `parameters` (count statements name them for the count cache). */
  readonly ranges?: readonly RangeParameter[];
}
