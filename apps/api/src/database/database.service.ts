import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MetricsService } from '../metrics/metrics.service';
import { CappedCountCache } from './capped-count.cache';

/** A capped count is trusted this long (only retention, once a day, can lower it). */
const CAPPED_COUNT_TTL_MS = 10_000;
const CAPPED_COUNT_ENTRIES = 10_000;

/** The part of pg's `Pool` used here. */
interface PreparedStatementPool {
  query<Row>(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: Row[] }>;
}

/**
 * Runs named SQL statements on the pool, timing each one in `payload_tracker_db_query_seconds`.
 * Statements are prepared once per connection (named after a hash of their text): planning a
 * query over the partitioned `payload_statuses` costs more than running it.
 */
@Injectable()
export class DatabaseService {
  private readonly statementNames = new Map<string, string>();
  private readonly cappedCounts = new CappedCountCache(CAPPED_COUNT_TTL_MS, CAPPED_COUNT_ENTRIES);

  constructor(
    private readonly dataSource: DataSource,
    private readonly metrics: MetricsService,
  ) {}

  /** Runs `sql` with positional `parameters`; `name` labels the timing metric. */
  async query<Row>(name: string, sql: string, parameters: readonly unknown[]): Promise<Row[]> {
    const stopTimer = this.metrics.dbQuerySeconds.startTimer({ query: name });
    try {
      const result = await this.pool().query<Row>({
        name: this.statementName(sql),
        text: sql,
        values: [...parameters],
      });
      return result.rows;
    } finally {
      stopTimer();
    }
  }

  /**
   * Runs a count statement that stops after `cap` + 1 rows (`SELECT count(*)::integer AS count`).
   * An answer above `cap` is remembered briefly and answered again without the database.
   */
  async countUpTo(
    name: string,
    sql: string,
    parameters: readonly unknown[],
    cap: number,
  ): Promise<number> {
    const key = `${sql}\u0000${JSON.stringify(parameters, (_key, value: unknown) =>
      typeof value === 'bigint' ? value.toString() : value,
    )}`;
    if (this.cappedCounts.isCapped(key)) {
      return cap + 1;
    }
    const [row] = await this.query<{ count: number }>(name, sql, parameters);
    const count = row?.count ?? 0;
    if (count > cap) {
      this.cappedCounts.rememberCapped(key);
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
  private pool(): PreparedStatementPool {
    return (this.dataSource.driver as unknown as { master: PreparedStatementPool }).master;
  }
}
