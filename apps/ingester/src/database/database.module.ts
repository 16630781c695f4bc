import type { OnApplicationShutdown } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import { DatabasePool, GroupStartRepository, StatusBatchWriter } from '@payload-tracker/entities';
import { DatabaseHealthCheck, readDatabaseSettings } from '@payload-tracker/platform';

import type { EnvironmentVariables } from '../config/environment-variables';

/**
 * The ingester's PostgreSQL access: the pool, the batch writer, the group starts read for the
 * span histogram, and the readiness probe's own connection. Closed in `onApplicationShutdown`,
 * after the Kafka consumer has finished its last batch.
 */
@Module({
  providers: [
    {
      provide: DatabasePool,
      inject: [ConfigService],
      useFactory: (config: ConfigService<EnvironmentVariables, true>): DatabasePool =>
        DatabasePool.fromSettings(
          readDatabaseSettings((key) => config.get(key, { infer: true })),
          { applicationName: 'payload-tracker-ingester' },
        ),
    },
    {
      provide: StatusBatchWriter,
      inject: [DatabasePool],
      useFactory: (pool: DatabasePool): StatusBatchWriter => new StatusBatchWriter(pool),
    },
    {
      provide: GroupStartRepository,
      inject: [DatabasePool],
      useFactory: (pool: DatabasePool): GroupStartRepository => new GroupStartRepository(pool),
    },
    {
      provide: DatabaseHealthCheck,
      inject: [DatabasePool],
      useFactory: (pool: DatabasePool): DatabaseHealthCheck =>
        new DatabaseHealthCheck({
          ...pool.config,
          application_name: 'payload-tracker-ingester-health',
        }),
    },
  ],
  exports: [StatusBatchWriter, GroupStartRepository, DatabaseHealthCheck],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    private readonly pool: DatabasePool,
    private readonly health: DatabaseHealthCheck,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.health.close();
    await this.pool.close();
  }
}
