import { Global, Module } from '@nestjs/common';

import { DatabasePool, DatabasePoolModule, StatementRunner } from '@payload-tracker/entities';

import { MetricsModule } from '../metrics/metrics.module';
import { MetricsService } from '../metrics/metrics.service';
import { CappedCounter } from './capped-counter';

/**
 * The api's PostgreSQL access (it only reads): the pool and the probe's connection, the
 * named-statement runner timed in `payload_tracker_db_query_seconds`, and the capped counter.
 */
@Global()
@Module({
  imports: [DatabasePoolModule.forRoot({ applicationName: 'payload-tracker-api' }), MetricsModule],
  providers: [
    {
      provide: StatementRunner,
      inject: [DatabasePool, MetricsService],
      useFactory: (pool: DatabasePool, metrics: MetricsService): StatementRunner =>
        new StatementRunner(pool, (query) => metrics.dbQuerySeconds.startTimer({ query })),
    },
    CappedCounter,
  ],
  exports: [StatementRunner, CappedCounter],
})
export class DatabaseModule {}
