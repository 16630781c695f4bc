import { createTestDatabase } from '@payload-tracker/local-stack';
import type { TestDatabase } from '@payload-tracker/local-stack';
import { Client } from 'pg';
import request from 'supertest';
import { startApiTestApp } from './support/api-test-app';
import { executeSql } from './support/seed-data';

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

describe('shutdown', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
    await executeSql(
      database.url,
      `INSERT INTO payloads (request_id, created_at)
       SELECT md5(n::text), now() FROM generate_series(1, 3) AS n`,
    );
  });

  afterAll(async () => {
    await database.drop();
  });

  it('finishes the requests in flight before it closes the database pool', async () => {
    const sut = await startApiTestApp({ DATABASE_URL: database.url });
    const blocker = new Client({ connectionString: database.url });
    await blocker.connect();
    try {
      // Hold the page query back, so the request is still in flight when shutdown starts.
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE payloads IN ACCESS EXCLUSIVE MODE');
      // A full page: the page query, then the count query on the pool.
      const inFlight = request(sut.getHttpServer()).get('/api/v1/payloads?page_size=1');
      const response = inFlight.then((result) => result);
      await sleep(300);
      let closedEarly = false;
      const closed = sut.close().then(() => {
        closedEarly = true;
      });
      await sleep(300);
      expect(closedEarly).toBe(false); // still waiting for the request
      await blocker.query('COMMIT');
      expect((await response).status).toBe(200);
      expect((await response).body).toMatchObject({ count: 3 });
      await closed;
      // A request after shutdown began is refused, not half-served.
      await request(sut.getHttpServer()).get('/health/live').expect(503);
    } finally {
      await blocker.end();
    }
  });
});
