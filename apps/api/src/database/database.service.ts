import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MetricsService } from '../metrics/metrics.service';

/** Runs named SQL statements on the pool, timing each one in `payload_tracker_db_query_seconds`. */
@Injectable()
export class DatabaseService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly metrics: MetricsService,
  ) {}

  /** Runs `sql` with positional `parameters`; `name` labels the timing metric. */
  async query<Row>(name: string, sql: string, parameters: readonly unknown[]): Promise<Row[]> {
    const stopTimer = this.metrics.dbQuerySeconds.startTimer({ query: name });
    try {
      return (await this.dataSource.query(sql, [...parameters])) as Row[];
    } finally {
      stopTimer();
    }
  }
}
