import type { DataSourceOptions } from 'typeorm';

import { UTC_SESSION_OPTIONS, connectionTargetOf } from '@payload-tracker/platform';
import type { ConnectionExtras, DatabaseSettings } from '@payload-tracker/platform';

import { migrations } from '../migrations/migrations';
import { ENTITY_CLASSES } from './entity-classes';
import { installPgTypeParsers } from './install-pg-type-parsers';

/** Name of TypeORM's bookkeeping table. */
export const MIGRATIONS_TABLE_NAME = 'typeorm_migrations';

/**
 * TypeORM options for the schema (the migrations job and the entity checks): connected like the
 * processes' pools (`buildPoolConfig`), entities and migrations by class reference, never
 * `synchronize` nor `migrationsRun`, UTC sessions. Installs the pg type parsers as a side
 * effect, because options without them would silently lose microseconds.
 */
export function buildDataSourceOptions(
  settings: DatabaseSettings,
  extras: ConnectionExtras = {},
): DataSourceOptions {
  installPgTypeParsers();
  const { ssl, ...target } = connectionTargetOf(settings);
  return {
    type: 'postgres',
    ...target,
    ...(ssl ? { ssl: true } : {}),
    applicationName: extras.applicationName ?? 'payload-tracker',
    poolSize: extras.poolSize ?? settings.DB_POOL_SIZE,
    extra: { options: UTC_SESSION_OPTIONS },
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
