/**
 * How PostgreSQL plans a prepared statement. `generic`: the statement's best plan does not
 * depend on its values (equality filters, sorts, paging), so one plan serves every execution
 * and planning is skipped. `auto`: the values decide the plan (a timestamp bound can match
 * nothing or everything), so PostgreSQL's default choice stays. `custom`: planned for every
 * execution's values, where PostgreSQL's default would wrongly settle on a generic plan (a capped
 * count, whose `LIMIT` makes a generic sequential scan look cheap, with bounds on two columns).
 */
export type PlanChoice = 'generic' | 'auto' | 'custom';

/** A timestamp bound among a statement's parameters. */
export interface RangeParameter {
  /** Index of the bound in the statement's parameters. */
  readonly position: number;
  /** The bounded column, as the statement names it (`ps.date`). */
  readonly column: string;
  readonly side: 'lower' | 'upper';
  /** The bound, in epoch microseconds. */
  readonly micros: bigint;
}

/** A statement ready for the driver. */
export interface SqlStatement {
  readonly sql: string;
  readonly parameters: readonly unknown[];
  readonly plan: PlanChoice;
  /** The timestamp bounds among `parameters` (count statements name them for the count cache). */
  readonly ranges?: readonly RangeParameter[];
}
