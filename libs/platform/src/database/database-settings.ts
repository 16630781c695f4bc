import type { PoolConfig } from 'pg';

import type { DatabaseEnvironmentVariables } from './database-environment-variables';

/** The variables a database connection is built from (any environment subclass fits). */
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

/** Per-process choices that are not configuration. */
export interface ConnectionExtras {
  /** Shown in `pg_stat_activity.application_name`, e.g. `payload-tracker-api`. */
  readonly applicationName?: string;
  /** Overrides `DB_POOL_SIZE` (jobs need one or two connections). */
  readonly poolSize?: number;
}

/** Where to connect and as whom: `DATABASE_URL` wins over the `DB_*` variables. */
export interface ConnectionTarget {
  readonly url?: string;
  readonly host?: string;
  readonly port?: number;
  readonly database?: string;
  readonly username?: string;
  readonly password?: string;
  readonly ssl: boolean;
}

/**
 * Every session runs in UTC: date math in SQL and the text of `timestamptz` never depend on the
 * server's time zone. Sent as a startup option, so no statement is spent on it.
 */
export const UTC_SESSION_OPTIONS = '-c TimeZone=UTC';

/**
 * The connection target of the settings, in the names TypeORM's options use, so that the
 * pg pool of the apps and TypeORM's data source of the migrations connect the same way.
 */
export function connectionTargetOf(settings: DatabaseSettings): ConnectionTarget {
  const hasUrl = settings.DATABASE_URL !== undefined && settings.DATABASE_URL !== '';
  return hasUrl
    ? { url: settings.DATABASE_URL, ssl: settings.DB_SSL }
    : {
        host: settings.DB_HOST,
        port: settings.DB_PORT,
        database: settings.DB_NAME,
        username: settings.DB_USER,
        password: settings.DB_PASSWORD,
        ssl: settings.DB_SSL,
      };
}

/**
 * pg `Pool` options of a process: the connection target, its pool size and name, UTC sessions.
 *
 * @param settings - the validated database variables
 * @param extras - the process's name and, for jobs, a smaller pool
 */
export function buildPoolConfig(
  settings: DatabaseSettings,
  extras: ConnectionExtras = {},
): PoolConfig {
  const target = connectionTargetOf(settings);
  return {
    ...(target.url !== undefined
      ? { connectionString: target.url }
      : {
          host: target.host,
          port: target.port,
          database: target.database,
          user: target.username,
          password: target.password,
        }),
    ...(target.ssl ? { ssl: true } : {}),
    application_name: extras.applicationName ?? 'payload-tracker',
    max: extras.poolSize ?? settings.DB_POOL_SIZE,
    options: UTC_SESSION_OPTIONS,
  };
}

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
