import { Pool } from 'pg';
import type { PoolClient, PoolConfig } from 'pg';

import { buildPoolConfig } from '@payload-tracker/platform';
import type { ConnectionExtras, DatabaseSettings } from '@payload-tracker/platform';

import { installPgTypeParsers } from '../data-source/install-pg-type-parsers';

/**
 * The seam between a process and PostgreSQL: owns the process's pg pool, built from the same
 * settings as the migrations' TypeORM data source (`buildDataSourceOptions`), with the type
 * parsers that keep microseconds and int8 precision. Statements run on it through
 * `StatementRunner`; nothing reaches into TypeORM for a pool.
 */
export class DatabasePool {
  private readonly pool: Pool;
  private isClosed = false;

  /**
   * @param config - pg pool options, usually {@link DatabasePool.fromSettings}'s
   */
  constructor(readonly config: PoolConfig) {
    installPgTypeParsers();
    this.pool = new Pool(config);
    // An idle connection the server dropped is replaced on the next checkout; without a
    // listener pg would throw it at the process.
    this.pool.on('error', () => undefined);
    // The same for a connection that is checked out between two statements (the pool listens
    // only to idle ones): the server ending it (a restart, a failover) would otherwise crash the
    // process. Its next statement fails instead, and the caller gives it back broken.
    this.pool.on('connect', (client) => {
      client.on('error', () => undefined);
    });
  }

  /** The pool of a process, from its validated database variables. */
  static fromSettings(settings: DatabaseSettings, extras: ConnectionExtras = {}): DatabasePool {
    return new DatabasePool(buildPoolConfig(settings, extras));
  }

  /** A connection for several statements; give it back with `release`. */
  connect(): Promise<PoolClient> {
    return this.pool.connect();
  }

  /** Closes every connection (once; later calls do nothing). */
  async close(): Promise<void> {
    if (this.isClosed) {
      return;
    }
    this.isClosed = true;
    await this.pool.end();
  }
}
