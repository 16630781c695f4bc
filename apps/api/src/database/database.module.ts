import { Global, Module } from '@nestjs/common';
import type { OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import { DatabasePool, StatementRunner } from '@payload-tracker/entities';
import { DatabaseHealthCheck, readDatabaseSettings } from '@payload-tracker/platform';

import type { EnvironmentVariables } from '../config/environment-variables';
import { MetricsModule } from '../metrics/metrics.module';
import { MetricsService } from '../metrics/metrics.service';
import { CappedCounter } from './capped-counter';

/**
 * The api's PostgreSQL access (it only reads): the pool, the named-statement runner timed in
 * `payload_tracker_db_query_seconds`, the capped counter, and the health probe's connection.
 */
@Global()
@Module({
  imports: [MetricsModule],
  providers: [
    {
      provide: DatabasePool,
      inject: [ConfigService],
      useFactory: (config: ConfigService<EnvironmentVariables, true>): DatabasePool =>
        DatabasePool.fromSettings(
          readDatabaseSettings((key) => config.get(key, { infer: true })),
          { applicationName: 'payload-tracker-api' },
        ),
    },
    {
      provide: StatementRunner,
      inject: [DatabasePool, MetricsService],
      useFactory: (pool: DatabasePool, metrics: MetricsService): StatementRunner =>
        new StatementRunner(pool, (query) => metrics.dbQuerySeconds.startTimer({ query })),
    },
    {
      provide: DatabaseHealthCheck,
      inject: [DatabasePool],
      useFactory: (pool: DatabasePool): DatabaseHealthCheck =>
        new DatabaseHealthCheck({ ...pool.config, application_name: 'payload-tracker-api-health' }),
    },
    CappedCounter,
  ],
  exports: [StatementRunner, CappedCounter, DatabaseHealthCheck],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    private readonly pool: DatabasePool,
    private readonly health: DatabaseHealthCheck,
  ) {}

  /** After the HTTP server stopped taking requests and finished those in flight. */
  async onApplicationShutdown(): Promise<void> {
    await this.health.close();
    await this.pool.close();
  }
}
