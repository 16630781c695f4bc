import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestDatabase } from '@payload-tracker/local-stack';
import type { TestDatabase } from '@payload-tracker/local-stack';
import request from 'supertest';
import { OpsHttpServer } from '@payload-tracker/platform';
import { startApiTestApp } from './support/api-test-app';
import { executeSql } from './support/seed-data';

const RATE_LIMIT = 5;

describe('operations', () => {
  let database: TestDatabase;
  let sut: NestFastifyApplication;

  beforeAll(async () => {
    database = await createTestDatabase();
    sut = await startApiTestApp({
      DATABASE_URL: database.url,
      MAX_REQUESTS_PER_MINUTE: RATE_LIMIT.toString(),
    });
  });

  afterAll(async () => {
    await sut.close();
    await database.drop();
  });

  it('answers /health with a plain OK, never rate limited', async () => {
    for (let attempt = 0; attempt <= RATE_LIMIT; attempt += 1) {
      const response = await request(sut.getHttpServer()).get('/health').expect(200);
      expect(response.text).toBe('OK');
      expect(response.headers['content-type']).toContain('text/plain');
    }
  });

  it('answers /health/live and /health/ready in terminus form', async () => {
    const live = await request(sut.getHttpServer()).get('/health/live').expect(200);
    expect(live.body).toMatchObject({ status: 'ok' });
    const ready = await request(sut.getHttpServer()).get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ok', details: { database: { status: 'up' } } });
  });

  it('echoes a correlation id, or makes one', async () => {
    const echoed = await request(sut.getHttpServer())
      .get('/health')
      .set('x-request-id', 'trace-42');
    expect(echoed.headers['x-request-id']).toBe('trace-42');
    const made = await request(sut.getHttpServer()).get('/health');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the committed OpenAPI document and its UI', async () => {
    const committed: unknown = JSON.parse(
      readFileSync(resolve(__dirname, '../openapi.json'), 'utf8'),
    );
    const served = await request(sut.getHttpServer()).get('/api/v1/openapi.json').expect(200);
    expect(served.body).toEqual(committed);
    const ui = await request(sut.getHttpServer()).get('/api/docs').expect(200);
    expect(ui.text).toContain('swagger-ui');
  });

  it('exposes Prometheus metrics on the metrics port', async () => {
    await request(sut.getHttpServer()).get('/api/v1/payloads?page_size=1').expect(200);
    const port = await sut.get(OpsHttpServer).listen(0, '127.0.0.1');
    const response = await request(`http://127.0.0.1:${port.toString()}`)
      .get('/metrics')
      .expect(200);
    expect(response.text).toContain(
      'payload_tracker_http_requests_total{method="GET",route="/api/v1/payloads",code="200"} 1',
    );
    expect(response.text).toContain(
      'payload_tracker_http_request_seconds_bucket{le="0.001",method="GET",route="/api/v1/payloads"}',
    );
    expect(response.text).toContain(
      'payload_tracker_db_query_seconds_count{query="list_payloads"} 1',
    );
    // The first page came back short (this database holds no payloads), so nothing was counted.
    expect(response.text).not.toContain(
      'payload_tracker_db_query_seconds_count{query="count_payloads"}',
    );
    expect(response.text).toMatch(
      /payload_tracker_build_info\{version="dev",node_version="v[\d.]+",process="api"\} 1/,
    );
    expect(response.text).toContain('payload_tracker_process_cpu_seconds_total');
    expect(response.text).toContain('payload_tracker_nodejs_eventloop_lag_seconds');
    await request(`http://127.0.0.1:${port.toString()}`).get('/other').expect(404);
  });

  it(`answers 429 with the error body past ${RATE_LIMIT.toString()} requests a minute`, async () => {
    // Earlier tests in this file already spent part of the budget; spend the rest.
    let status = 200;
    for (let attempt = 0; attempt <= RATE_LIMIT && status === 200; attempt += 1) {
      status = (await request(sut.getHttpServer()).get('/api/v1/statuses?page_size=1')).status;
    }
    const response = await request(sut.getHttpServer())
      .get('/api/v1/statuses?page_size=1')
      .expect(429);
    expect(response.body).toEqual({
      title: 'Too Many Requests',
      message: 'Too many requests from this client address; retry in a minute',
      status: 429,
    });
  });

  it('spends one budget per client address across all routes', async () => {
    const limited = await startApiTestApp({
      DATABASE_URL: database.url,
      MAX_REQUESTS_PER_MINUTE: '3',
    });
    try {
      const client = request(limited.getHttpServer());
      await client.get('/api/v1/payloads?page_size=1').expect(200);
      await client.get('/api/v1/statuses?page_size=1').expect(200);
      await client.get('/app/payload-tracker/api/v1/payloads/no-such-request').expect(404);
      // A budget per route would still have room on each of these.
      await client.get('/api/v1/statuses?page_size=1').expect(429);
      await client.get('/api/v1/payloads/no-such-request').expect(429);
      await client.get('/health/ready').expect(200);
    } finally {
      await limited.close();
    }
  });

  it('logs and hides unexpected errors behind a generic 500', async () => {
    await executeSql(database.url, 'ALTER TABLE payloads RENAME COLUMN account TO account_renamed');
    const fresh = await startApiTestApp({ DATABASE_URL: database.url });
    try {
      const response = await request(fresh.getHttpServer()).get('/api/v1/payloads').expect(500);
      expect(response.body).toEqual({
        title: 'Internal Server Error',
        message: 'Internal server error',
        status: 500,
      });
    } finally {
      await fresh.close();
    }
  });
});
