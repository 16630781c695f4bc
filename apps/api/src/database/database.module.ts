import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { buildDataSourceOptions, readDatabaseSettings } from '@payload-tracker/entities';
import type { EnvironmentVariables } from '../config/environment-variables';
import { MetricsModule } from '../metrics/metrics.module';
import { DatabaseService } from './database.service';

/** The connection pool and {@link DatabaseService}; the api only reads. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<EnvironmentVariables, true>) =>
        buildDataSourceOptions(
          readDatabaseSettings((key) => config.get(key, { infer: true })),
          { applicationName: 'payload-tracker-api' },
        ),
    }),
    MetricsModule,
  ],
  providers: [DatabaseService],
  exports: [DatabaseService],
})
export class DatabaseModule {}
