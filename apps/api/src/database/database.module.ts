import { Global, Inject, Module } from '@nestjs/common';
import type { OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import { DatabasePool, DatabasePoolModule, StatementRunner } from '@payload-tracker/entities';
import { DatabaseHealthCheck, readDatabaseSettings } from '@payload-tracker/platform';

import type { EnvironmentVariables } from '../config/environment-variables';
import { MetricsModule } from '../metrics/metrics.module';
import { MetricsService } from '../metrics/metrics.service';
import { CappedCounter } from './capped-counter';
import { ReadDatabase } from './read-database';

const APPLICATION_NAME = 'payload-tracker-api';

/**
 * The api's PostgreSQL access (it only reads): the primary pool and its probe's connection, the
 * read side ({@link ReadDatabase}: a replica's pool when `DATABASE_READ_URL` is set, else the
 * primary's), the named-statement runner on the read side timed in
 * `payload_tracker_db_query_seconds`, and the capped counter.
 */
@Global()
@Module({
  imports: [DatabasePoolModule.forRoot({ applicationName: APPLICATION_NAME }), MetricsModule],
  providers: [
    {
      provide: ReadDatabase,
      inject: [ConfigService, DatabasePool],
      useFactory: (
        config: ConfigService<EnvironmentVariables, true>,
        primary: DatabasePool,
      ): ReadDatabase => {
        const readUrl = config.get('DATABASE_READ_URL', { infer: true });
        if (readUrl === undefined) {
          return new ReadDatabase(primary, null);
        }
        const settings = readDatabaseSettings((key) => config.get(key, { infer: true }));
        const replica = DatabasePool.fromSettings(
          { ...settings, DATABASE_URL: readUrl },
          { applicationName: APPLICATION_NAME },
        );
        const health = new DatabaseHealthCheck({
          ...replica.config,
          application_name: `${APPLICATION_NAME}-health`,
        });
        return new ReadDatabase(replica, health);
      },
    },
    {
      provide: StatementRunner,
      inject: [ReadDatabase, MetricsService],
      useFactory: (read: ReadDatabase, metrics: MetricsService): StatementRunner =>
        new StatementRunner(read.pool, (query) => metrics.dbQuerySeconds.startTimer({ query })),
    },
    CappedCounter,
  ],
  exports: [StatementRunner, CappedCounter, ReadDatabase],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(ReadDatabase) private readonly read: ReadDatabase) {}

  async onApplicationShutdown(): Promise<void> {
    await this.read.close();
  }
}
