import { createDatabase } from '../postgres/database-admin';
import { PostgresServer } from '../postgres/postgres-server';
import { migrateDatabase } from '../stack/migrate-database';

/** A migrated PostgreSQL server of its own, which a test may stop and start (outage tests). */
export interface DedicatedPostgres {
  url: string;
  /** Stops the server; its data stays. */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same data. */
  start(): Promise<void>;
  /** Stops it and removes its data. */
  dispose(): Promise<void>;
}

/** Starts a new server (about 2 s plus migrations) with a migrated `payload_tracker` database. */
export async function startDedicatedPostgres(): Promise<DedicatedPostgres> {
  const server = await PostgresServer.create();
  await server.start();
  try {
    await createDatabase(server.url(), 'payload_tracker');
    const url = server.url('payload_tracker');
    await migrateDatabase(url);
    return {
      url,
      stop: () => server.stop(),
      start: () => server.start(),
      dispose: () => server.dispose(),
    };
  } catch (error: unknown) {
    await server.dispose();
    throw error;
  }
}
