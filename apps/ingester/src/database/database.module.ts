import type { OnApplicationShutdown } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';

import { StatusBatchWriter, buildDataSourceOptions } from '@payload-tracker/entities';

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
            {
              DATABASE_URL: config.get('DATABASE_URL', { infer: true }),
              DB_HOST: config.get('DB_HOST', { infer: true }),
              DB_PORT: config.get('DB_PORT', { infer: true }),
              DB_NAME: config.get('DB_NAME', { infer: true }),
              DB_USER: config.get('DB_USER', { infer: true }),
              DB_PASSWORD: config.get('DB_PASSWORD', { infer: true }),
              DB_SSL: config.get('DB_SSL', { infer: true }),
              DB_POOL_SIZE: config.get('DB_POOL_SIZE', { infer: true }),
            },
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
