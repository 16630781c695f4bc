import { createHash } from 'node:crypto';

import type { PoolClient } from 'pg';

import type { DatabasePool } from './database-pool';
import type { PlanChoice, SqlStatement } from './sql-statement';

const PLAN_CACHE_MODES: Record<PlanChoice, string> = {
  generic: 'SET plan_cache_mode = force_generic_plan',
  auto: 'SET plan_cache_mode = auto',
  custom: 'SET plan_cache_mode = force_custom_plan',
};

/** Told how long each statement took, by its name (the processes feed a histogram). */
export type StatementTimer = (name: string) => () => void;

const NO_TIMER: StatementTimer = () => () => undefined;

/*
 * The plan mode of each pooled connection, for every runner of the process: a mode is a
 * property of the session, so a runner must see the mode another runner left on it.
 */
const sessionPlans = new WeakMap<PoolClient, PlanChoice>();

/**
 * Runs named SQL statements on the pool. Statements are prepared once per connection (named
 * after a hash of their text): planning a query over the partitioned `payload_statuses` costs
 * more than running it. A statement whose plan cannot depend on its values (`plan: 'generic'`)
 * runs on a session that always reuses the generic plan, so it is never planned again; the
 * others keep PostgreSQL's default choice. A session changes mode only when the next statement
 * needs the other one.
 */
export class StatementRunner {
  private readonly statementNames = new Map<string, string>();

  constructor(
    private readonly pool: DatabasePool,
    private readonly startTimer: StatementTimer = NO_TIMER,
  ) {}

  /** Runs `statement` on a pooled connection; `name` labels its timing. */
  async query<Row>(name: string, statement: SqlStatement): Promise<Row[]> {
    const stopTimer = this.startTimer(name);
    const client = await this.pool.connect();
    let failure: Error | undefined;
    try {
      return await this.queryOn<Row>(client, statement);
    } catch (error: unknown) {
      // As pg's `Pool.query` does: a connection that failed a statement is not reused.
      failure = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      client.release(failure);
      stopTimer();
    }
  }

  /**
   * Runs `work` in one transaction on one pooled connection: committed when it resolves,
   * rolled back when it throws (and the connection is then not reused). `name` labels its
   * timing.
   */
  async transaction<T>(
    name: string,
    work: (run: <Row>(statement: SqlStatement) => Promise<Row[]>) => Promise<T>,
  ): Promise<T> {
    const stopTimer = this.startTimer(name);
    const client = await this.pool.connect();
    let failure: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work((statement) => this.queryOn(client, statement));
      await client.query('COMMIT');
      return result;
    } catch (error: unknown) {
      failure = error instanceof Error ? error : new Error(String(error));
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release(failure);
      stopTimer();
    }
  }

  /** Runs `statement` on a connection the caller holds (inside its transaction, say). */
  async queryOn<Row>(client: PoolClient, statement: SqlStatement): Promise<Row[]> {
    if ((sessionPlans.get(client) ?? 'auto') !== statement.plan) {
      await client.query(PLAN_CACHE_MODES[statement.plan]);
      sessionPlans.set(client, statement.plan);
    }
    const result = await client.query<Row & Record<string, unknown>>({
      name: this.statementName(statement.sql),
      text: statement.sql,
      values: [...statement.parameters],
    });
    return result.rows;
  }

  private statementName(sql: string): string {
    let statementName = this.statementNames.get(sql);
    if (statementName === undefined) {
      statementName = `pt_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
      this.statementNames.set(sql, statementName);
    }
    return statementName;
  }
}
