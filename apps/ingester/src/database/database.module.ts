import type { OnApplicationShutdown } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';

import {
  StatusBatchWriter,
  buildDataSourceOptions,
  readDatabaseSettings,
} from '@payload-tracker/entities';

import type { EnvironmentVariables } from '../config/environment-variables';
import { DatabaseHealthService } from './database-health.service';

/**
 * The ingester's PostgreSQL access: one TypeORM data source (its pg pool) and the batch writer.
 * Closed in `onApplicationShutdown`, after the Kafka consumer has finished its last batch.
 */
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [ConfigService],
      useFactory: (config: ConfigService<EnvironmentVariables, true>): Promise<DataSource> =>
        new DataSource(
          buildDataSourceOptions(
            readDatabaseSettings((key) => config.get(key, { infer: true })),
            { applicationName: 'payload-tracker-ingester' },
          ),
        ).initialize(),
    },
    {
      provide: StatusBatchWriter,
      inject: [DataSource],
      useFactory: (dataSource: DataSource): StatusBatchWriter => new StatusBatchWriter(dataSource),
    },
    DatabaseHealthService,
  ],
  exports: [StatusBatchWriter, DatabaseHealthService],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) {
      await this.dataSource.destroy();
    }
  }
}
