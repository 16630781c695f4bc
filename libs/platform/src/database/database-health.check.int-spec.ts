import { createTestDatabase, findFreePort } from '@payload-tracker/local-stack';
import type { TestDatabase } from '@payload-tracker/local-stack';
import { Pool } from 'pg';

import { DatabaseHealthCheck } from './database-health.check';

describe('DatabaseHealthCheck', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database.drop();
  });

  it('says a running database is reachable, over its own connection', async () => {
    const sut = new DatabaseHealthCheck({
      connectionString: database.url,
      application_name: 'probe',
    });
    try {
      expect(await sut.isReachable()).toBe(true);
      expect(await sut.isReachable()).toBe(true);
      const pool = new Pool({ connectionString: database.url, max: 1 });
      const probes = await pool.query<{ count: number }>(
        "SELECT count(*)::int AS count FROM pg_stat_activity WHERE application_name = 'probe'",
      );
      await pool.end();
      expect(probes.rows[0]?.count).toBe(1);
    } finally {
      await sut.close();
    }
  });

  it('counts an answer that arrived while a busy event loop held its timer back', async () => {
    const sut = new DatabaseHealthCheck({ connectionString: database.url }, 200);
    try {
      expect(await sut.isReachable()).toBe(true);
      const answer = sut.isReachable();
      // One turn sends the ping; then the process is busy past the timeout while PostgreSQL
      // answers: the timer and the answer are both due in the same turn.
      await new Promise((resolve) => setImmediate(resolve));
      const busyUntil = Date.now() + 600;
      while (Date.now() < busyUntil) {
        // busy
      }
      expect(await answer).toBe(true);
    } finally {
      await sut.close();
    }
  });

  it('says an unreachable database is not, within its timeout', async () => {
    const port = await findFreePort();
    const sut = new DatabaseHealthCheck(
      { connectionString: `postgres://nobody@127.0.0.1:${port.toString()}/none` },
      500,
    );
    const started = Date.now();

    expect(await sut.isReachable()).toBe(false);
    expect(Date.now() - started).toBeLessThan(1500);
    await sut.close();
  });

  it('reconnects after its connection was killed', async () => {
    const sut = new DatabaseHealthCheck({
      connectionString: database.url,
      application_name: 'probe-kill',
    });
    try {
      expect(await sut.isReachable()).toBe(true);
      const pool = new Pool({ connectionString: database.url, max: 1 });
      await pool.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'probe-kill'",
      );
      await pool.end();
      // The first ping after the kill may see the dead connection; the next one reconnects.
      await sut.isReachable();
      expect(await sut.isReachable()).toBe(true);
    } finally {
      await sut.close();
    }
  });
});
