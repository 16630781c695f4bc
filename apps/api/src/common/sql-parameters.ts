/** Collects positional parameters while a statement is assembled, handing out `$n` placeholders. */
export class SqlParameters {
  private readonly values: unknown[] = [];

  /** Adds a value and returns its placeholder. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length.toString()}`;
  }

  /** The values in placeholder order. */
  list(): unknown[] {
    return [...this.values];
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
}
