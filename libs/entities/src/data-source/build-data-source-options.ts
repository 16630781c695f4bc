import type { DataSourceOptions } from 'typeorm';
import type { DatabaseEnvironmentVariables } from '../config/database-environment-variables';
import { migrations } from '../migrations/migrations';
import { ENTITY_CLASSES } from './entity-classes';
import { installPgTypeParsers } from './install-pg-type-parsers';

/** The variables `buildDataSourceOptions` reads (any `EnvironmentVariables` subclass fits). */
export type DatabaseSettings = Pick<
  DatabaseEnvironmentVariables,
  | 'DATABASE_URL'
  | 'DB_HOST'
  | 'DB_PORT'
  | 'DB_NAME'
  | 'DB_USER'
  | 'DB_PASSWORD'
  | 'DB_SSL'
  | 'DB_POOL_SIZE'
>;

/**
 * Collects the database settings through a typed reader, such as Nest's
 * `(key) => config.get(key, { infer: true })`, so each app need not list the variables again.
 */
export function readDatabaseSettings(
  read: <K extends keyof DatabaseSettings>(key: K) => DatabaseSettings[K],
): DatabaseSettings {
  return {
    DATABASE_URL: read('DATABASE_URL'),
    DB_HOST: read('DB_HOST'),
    DB_PORT: read('DB_PORT'),
    DB_NAME: read('DB_NAME'),
    DB_USER: read('DB_USER'),
    DB_PASSWORD: read('DB_PASSWORD'),
    DB_SSL: read('DB_SSL'),
    DB_POOL_SIZE: read('DB_POOL_SIZE'),
  };
}

/** Per-process choices that are not configuration. */
export interface DataSourceExtras {
  /** Shown in `pg_stat_activity.application_name`, e.g. `payload-tracker-api`. */
  readonly applicationName?: string;
  /** Overrides `DB_POOL_SIZE` (jobs need one or two connections). */
  readonly poolSize?: number;
}

/** Name of TypeORM's bookkeeping table. */
export const MIGRATIONS_TABLE_NAME = 'typeorm_migrations';

/**
 * TypeORM options for the schema: entities and migrations by class reference, never
 * `synchronize` nor `migrationsRun`, UTC sessions. Installs the pg type parsers as a side
 * effect, because options without them would silently lose microseconds.
 */
export function buildDataSourceOptions(
  settings: DatabaseSettings,
  extras: DataSourceExtras = {},
): DataSourceOptions {
  installPgTypeParsers();
  const hasUrl = settings.DATABASE_URL !== undefined && settings.DATABASE_URL !== '';
  const connection = hasUrl
    ? { url: settings.DATABASE_URL }
    : {
        host: settings.DB_HOST,
        port: settings.DB_PORT,
        database: settings.DB_NAME,
        username: settings.DB_USER,
        password: settings.DB_PASSWORD,
      };
  return {
    type: 'postgres',
    ...connection,
    ...(settings.DB_SSL ? { ssl: true } : {}),
    applicationName: extras.applicationName ?? 'payload-tracker',
    poolSize: extras.poolSize ?? settings.DB_POOL_SIZE,
    // Every session in UTC: date math in SQL and the text of timestamptz never depend on the server.
    extra: { options: '-c TimeZone=UTC' },
    entities: [...ENTITY_CLASSES],
    migrations: [...migrations],
    migrationsTableName: MIGRATIONS_TABLE_NAME,
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    installExtensions: false,
    logging: false,
  };
}
