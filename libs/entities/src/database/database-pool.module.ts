import { Global, Inject, Module } from '@nestjs/common';
import type { DynamicModule, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import { DatabaseHealthCheck, readDatabaseSettings } from '@payload-tracker/platform';
import type { DatabaseSettings } from '@payload-tracker/platform';

import { DatabasePool } from './database-pool';

/** How a process names itself to PostgreSQL. */
export interface DatabasePoolModuleOptions {
  /** `pg_stat_activity.application_name` of the pool; the probe adds `-health`. */
  readonly applicationName: string;
}

/**
 * The process's {@link DatabasePool} and the readiness probe's own connection
 * ({@link DatabaseHealthCheck}) as Nest providers, from the database variables of the
 * `ConfigService`; both closed at `onApplicationShutdown`, after the transports and the HTTP
 * server have finished their work.
 */
@Global()
@Module({})
export class DatabasePoolModule implements OnApplicationShutdown {
  constructor(
    @Inject(DatabasePool) private readonly pool: DatabasePool,
    @Inject(DatabaseHealthCheck) private readonly health: DatabaseHealthCheck,
  ) {}

  static forRoot(options: DatabasePoolModuleOptions): DynamicModule {
    return {
      module: DatabasePoolModule,
      providers: [
        {
          provide: DatabasePool,
          inject: [ConfigService],
          useFactory: (config: ConfigService<DatabaseSettings, true>): DatabasePool =>
            DatabasePool.fromSettings(
              readDatabaseSettings((key) => config.get(key, { infer: true })),
              { applicationName: options.applicationName },
            ),
        },
        {
          provide: DatabaseHealthCheck,
          inject: [DatabasePool],
          useFactory: (pool: DatabasePool): DatabaseHealthCheck =>
            new DatabaseHealthCheck({
              ...pool.config,
              application_name: `${options.applicationName}-health`,
            }),
        },
      ],
      exports: [DatabasePool, DatabaseHealthCheck],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.health.close();
    await this.pool.close();
  }
}
