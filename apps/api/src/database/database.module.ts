import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { buildDataSourceOptions } from '@payload-tracker/entities';
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
          { applicationName: 'payload-tracker-api' },
        ),
    }),
    MetricsModule,
  ],
  providers: [DatabaseService],
  exports: [DatabaseService],
})
export class DatabaseModule {}
