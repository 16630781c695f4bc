import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import type { PlanChoice, SqlStatement } from '../common/sql-parameters';
import { MetricsService } from '../metrics/metrics.service';
import { CappedCountCache } from './capped-count.cache';

/** A capped count is trusted this long (only retention, once a day, can lower it). */
const CAPPED_COUNT_TTL_MS = 10_000;
const CAPPED_COUNT_ENTRIES = 10_000;

const PLAN_CACHE_MODES: Record<PlanChoice, string> = {
  generic: 'SET plan_cache_mode = force_generic_plan',
  auto: 'SET plan_cache_mode = auto',
};

/**
 * Runs named SQL statements on the pool, timing each one in `payload_tracker_db_query_seconds`.
 * Statements are prepared once per connection (named after a hash of their text): planning a
 * query over the partitioned `payload_statuses` costs more than running it. A statement whose
 * plan cannot depend on its values (`plan: 'generic'`) runs on a session that always reuses the
 * generic plan, so it is never planned again; the others (timestamp ranges, where the bound
 * decides the best index) keep PostgreSQL's default choice. A session changes mode only when
 * the next statement needs the other one.
 */
@Injectable()
export class DatabaseService {
  private readonly statementNames = new Map<string, string>();
  private readonly cappedCounts = new CappedCountCache(CAPPED_COUNT_TTL_MS, CAPPED_COUNT_ENTRIES);
  private readonly sessionPlans = new WeakMap<PoolClient, PlanChoice>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly metrics: MetricsService,
  ) {}

  /** Runs `statement`; `name` labels the timing metric. */
  async query<Row>(name: string, statement: SqlStatement): Promise<Row[]> {
    const stopTimer = this.metrics.dbQuerySeconds.startTimer({ query: name });
    const client = await this.pool().connect();
    let failure: Error | undefined;
    try {
      if ((this.sessionPlans.get(client) ?? 'auto') !== statement.plan) {
        await client.query(PLAN_CACHE_MODES[statement.plan]);
        this.sessionPlans.set(client, statement.plan);
      }
      const result = await client.query<Row & Record<string, unknown>>({
        name: this.statementName(statement.sql),
        text: statement.sql,
        values: [...statement.parameters],
      });
      return result.rows;
    } catch (error) {
      // As pg's `Pool.query` does: a connection that failed a statement is not reused.
      failure = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      client.release(failure);
      stopTimer();
    }
  }

  /**
   * Runs a count statement that stops after `cap` + 1 rows (`SELECT count(*)::integer AS count`).
   * An answer above `cap` is remembered briefly, and answered again without the database for
   * the same statement and values or wider timestamp ranges (see {@link CappedCountCache}).
   */
  async countUpTo(name: string, statement: SqlStatement, cap: number): Promise<number> {
    const ranges = statement.ranges ?? [];
    const rangePositions = new Set(ranges.map((range) => range.position));
    const otherValues = statement.parameters.map((value, position) =>
      rangePositions.has(position) ? null : value,
    );
    const key = `${statement.sql}\u0000${JSON.stringify(otherValues, (_key, value: unknown) =>
      typeof value === 'bigint' ? value.toString() : value,
    )}`;
    if (this.cappedCounts.isCapped(key, ranges)) {
      return cap + 1;
    }
    const [row] = await this.query<{ count: number }>(name, statement);
    const count = row?.count ?? 0;
    if (count > cap) {
      this.cappedCounts.rememberCapped(key, ranges);
    }
    return count;
  }

  private statementName(sql: string): string {
    let statementName = this.statementNames.get(sql);
    if (statementName === undefined) {
      statementName = `pt_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
      this.statementNames.set(sql, statementName);
    }
    return statementName;
  }

  /** TypeORM's postgres driver keeps its pg `Pool` as `master`. */
  private pool(): Pool {
    return (this.dataSource.driver as unknown as { master: Pool }).master;
  }
}
