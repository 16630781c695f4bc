import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestDatabase } from '@payload-tracker/local-stack';
import type { TestDatabase } from '@payload-tracker/local-stack';
import request from 'supertest';
import { MetricsService } from '../src/metrics/metrics.service';
import { startApiTestApp } from './support/api-test-app';
import { executeSql } from './support/seed-data';

describe('counting stops at 10,000', () => {
  let database: TestDatabase;
  let sut: NestFastifyApplication;

  beforeAll(async () => {
    database = await createTestDatabase();
    await executeSql(
      database.url,
      `SELECT create_partition('2026-11-20'::date, '2026-11-21'::date)`,
    );
    await executeSql(database.url, `INSERT INTO services (name) VALUES ('ingress')`);
    await executeSql(database.url, `INSERT INTO statuses (name) VALUES ('received')`);
    await executeSql(
      database.url,
      `INSERT INTO payloads (request_id, account, created_at)
       SELECT md5(n::text), CASE WHEN n <= 10000 THEN 'exact' ELSE 'many' END,
              '2026-11-20T00:00:00Z'::timestamptz + n * interval '1 second'
       FROM generate_series(1, 10000 + 10005) AS n`,
    );
    await executeSql(
      database.url,
      `INSERT INTO payload_statuses (payload_id, service_id, status_id, date, dedupe_key)
       SELECT p.id, 1, 1, p.created_at, gen_random_uuid() FROM payloads p`,
    );
    sut = await startApiTestApp({ DATABASE_URL: database.url });
  });

  afterAll(async () => {
    await sut.close();
    await database.drop();
  });

  const get = (path: string) => request(sut.getHttpServer()).get(`/api/v1${path}`);

  it('counts exactly up to 10000', async () => {
    const response = await get('/payloads?account=exact').expect(200);
    expect(response.body).toMatchObject({ count: 10000 });
    expect(response.body).not.toHaveProperty('count_is_lower_bound');
  });

  it('says 10000 and flags a lower bound beyond', async () => {
    const payloads = await get('/payloads?account=many&page_size=3').expect(200);
    expect(payloads.body).toMatchObject({ count: 10000, count_is_lower_bound: true });
    expect((payloads.body as { data: unknown[] }).data).toHaveLength(3);
    const statuses = await get('/statuses').expect(200);
    expect(statuses.body).toMatchObject({ count: 10000, count_is_lower_bound: true });
  });

  it('pages to the last rows of a large result', async () => {
    const response = await get(
      '/payloads?page=20&page_size=1000&sort_by=created_at&sort_dir=asc',
    ).expect(200);
    const data = (response.body as { data: { created_at: string }[] }).data;
    expect(data).toHaveLength(5);
    expect(data[4]?.created_at).toBe('2026-11-20T05:33:25.000000Z');
  });

  it('answers a wider time range from a capped count, and counts a narrower one', async () => {
    const countQueries = async (): Promise<number> => {
      const metric = await sut.get(MetricsService).dbQuerySeconds.get();
      return metric.values
        .filter((value) => value.labels['query'] === 'count_payloads')
        .filter((value) => value.metricName?.endsWith('_count') === true)
        .reduce((sum, value) => sum + value.value, 0);
    };
    // Rows are one a second from 00:00:01 to 05:33:25.
    const capped = await get('/payloads?created_at_gt=2026-11-20T00:10:00Z&page_size=1');
    expect(capped.body).toMatchObject({ count: 10000, count_is_lower_bound: true });
    const before = await countQueries();

    const wider = await get('/payloads?created_at_gt=2026-11-20T00:00:30Z&page_size=1');
    expect(wider.body).toMatchObject({ count: 10000, count_is_lower_bound: true });
    expect(await countQueries()).toBe(before);

    const narrower = await get('/payloads?created_at_gt=2026-11-20T03:00:00Z&page_size=1');
    expect(narrower.body).toMatchObject({ count: 9205 });
    expect(narrower.body).not.toHaveProperty('count_is_lower_bound');
    expect(await countQueries()).toBe(before + 1);
  });
});
