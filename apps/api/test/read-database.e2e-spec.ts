import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestDatabase, findFreePort } from '@payload-tracker/local-stack';
import type { TestDatabase } from '@payload-tracker/local-stack';
import { OpsHttpServer } from '@payload-tracker/platform';
import request from 'supertest';

import { startApiTestApp } from './support/api-test-app';
import { PAYLOADS, R1, R2, R3, R4, R5 } from './support/fixtures';
import { computeOutcomes, seedPayloads } from './support/seed-data';

/** The fixtures are a few weeks old: every window of this file reaches back to them. */
const RETENTION_DAYS = '3650';

const requestIdsOf = (body: unknown): string[] =>
  (body as { data: { request_id: string }[] }).data.map((row) => row.request_id).sort();

describe('DATABASE_READ_URL', () => {
  let primary: TestDatabase;
  let replica: TestDatabase;

  beforeAll(async () => {
    // Two databases with different payloads stand in for a primary and a replica.
    [primary, replica] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    const onPrimary = PAYLOADS.filter((payload) => payload.requestId === R1);
    const onReplica = PAYLOADS.filter((payload) => payload.requestId !== R1);
    await seedPayloads(primary.url, onPrimary);
    await seedPayloads(replica.url, onReplica);
    await Promise.all([computeOutcomes(primary.url), computeOutcomes(replica.url)]);
  });

  afterAll(async () => {
    await Promise.all([primary.drop(), replica.drop()]);
  });

  // First: Nest's ConfigModule copies an app's validated variables into process.env, where the
  // next app of this file would find DATABASE_READ_URL.
  describe('unset', () => {
    let sut: NestFastifyApplication;

    beforeAll(async () => {
      sut = await startApiTestApp({ DATABASE_URL: primary.url });
    });

    afterAll(async () => {
      await sut.close();
    });

    it('reads the primary and checks it alone', async () => {
      const response = await request(sut.getHttpServer()).get('/api/v1/payloads').expect(200);
      expect(requestIdsOf(response.body)).toEqual([R1]);

      const ready = await request(sut.getHttpServer()).get('/health/ready').expect(200);
      expect(Object.keys((ready.body as { info: object }).info)).toEqual(['database']);
    });
  });

  describe('set to a reachable database', () => {
    let sut: NestFastifyApplication;

    beforeAll(async () => {
      sut = await startApiTestApp({
        DATABASE_URL: primary.url,
        DATABASE_READ_URL: replica.url,
        RETENTION_DAYS,
      });
    });

    afterAll(async () => {
      await sut.close();
    });

    const get = (path: string) => request(sut.getHttpServer()).get(`/api/v1${path}`);

    it('lists and counts the payloads of the read database', async () => {
      const response = await get('/payloads').expect(200);

      expect(response.body).toMatchObject({ count: 4 });
      expect(requestIdsOf(response.body)).toEqual([R2, R3, R4, R5].sort());
    });

    it('finds a payload by id in the read database only', async () => {
      await get(`/payloads/${R3}`).expect(200);
      await get(`/payloads/${R1}`).expect(404);
    });

    it('lists the statuses of the read database', async () => {
      const response = await get('/statuses?sort_by=created_at').expect(200);

      expect(new Set(requestIdsOf(response.body))).toEqual(new Set([R2, R3, R4]));
    });

    // The read database holds three payloads with statuses, the primary one.
    it('reports the read database in the stats and the payload gauges', async () => {
      const since = new Date(Date.now() - 3000 * 24 * 3600 * 1000).toISOString();
      const stats = await get(`/stats/services?since=${since}`).expect(200);
      const totals = (stats.body as { totals: Record<string, number> }).totals;
      expect(Object.values(totals).reduce((sum, count) => sum + count, 0)).toBe(3);

      const port = await sut.get(OpsHttpServer).listen(0, '127.0.0.1');
      const metrics = await request(`http://127.0.0.1:${port.toString()}`)
        .get('/metrics')
        .expect(200);
      const gauged = [...metrics.text.matchAll(/^payload_tracker_payloads\{[^}]*\} (\d+)$/gm)];
      expect(gauged.reduce((sum, match) => sum + Number(match[1]), 0)).toBe(3);
    });

    it('is ready with both databases checked', async () => {
      const response = await request(sut.getHttpServer()).get('/health/ready').expect(200);

      expect(response.body).toMatchObject({
        status: 'ok',
        info: { database: { status: 'up' }, read_database: { status: 'up' } },
      });
    });
  });

  describe('set to an unreachable database', () => {
    let sut: NestFastifyApplication;

    beforeAll(async () => {
      const closedPort = await findFreePort();
      sut = await startApiTestApp({
        DATABASE_URL: primary.url,
        DATABASE_READ_URL: `postgres://reader:secret@127.0.0.1:${closedPort.toString()}/replica`,
      });
    });

    afterAll(async () => {
      await sut.close();
    });

    it('is not ready, naming the read database, while the primary is up', async () => {
      const ready = await request(sut.getHttpServer()).get('/health/ready').expect(503);

      expect(ready.body).toMatchObject({
        status: 'error',
        info: { database: { status: 'up' } },
        error: { read_database: { status: 'down', message: 'read database unreachable' } },
      });
      await request(sut.getHttpServer()).get('/health').expect(503);
    });
  });
});
