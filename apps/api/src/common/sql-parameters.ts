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

/** A statement ready for the driver. */
export interface SqlStatement {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}
