import { createTestDatabase } from '@payload-tracker/local-stack';
import type { TestDatabase } from '@payload-tracker/local-stack';
import { Client } from 'pg';

import { DatabasePool } from './database-pool';

describe('DatabasePool', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database.drop();
  });

  it('survives the server ending a connection that is checked out between two statements', async () => {
    const sut = new DatabasePool({
      connectionString: database.url,
      application_name: 'pool-kill',
      max: 2,
    });
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown): void => {
      uncaught.push(error);
    };
    // Without a listener on the connection itself, pg throws the error at the process.
    const listeners = process.listeners('uncaughtException');
    process.removeAllListeners('uncaughtException');
    process.on('uncaughtException', onUncaught);
    const admin = new Client({ connectionString: database.url });
    await admin.connect();
    try {
      const client = await sut.connect();
      await client.query('BEGIN');
      // The connection is out of the pool and between statements, as in a write transaction.
      await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'pool-kill'",
      );
      await new Promise((resolve) => setTimeout(resolve, 300));

      await expect(client.query('SELECT 1')).rejects.toThrow();
      client.release(true);
      const next = await sut.connect();
      expect((await next.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      next.release();
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
      for (const listener of listeners) process.on('uncaughtException', listener);
      await admin.end();
      await sut.close();
    }
  });
});
