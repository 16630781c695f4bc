import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestDatabase } from '@payload-tracker/local-stack';
import type { TestDatabase } from '@payload-tracker/local-stack';
import request from 'supertest';
import { collectLogLines, startApiTestApp } from './support/api-test-app';
import { executeSql } from './support/seed-data';

/**
 * The api's log lines, captured. A process runs one api, whose logger serves every line logged
 * outside a request too; so this file starts exactly one.
 */
describe('logging', () => {
  let database: TestDatabase;
  let sut: NestFastifyApplication;
  const log = collectLogLines();

  beforeAll(async () => {
    database = await createTestDatabase();
    sut = await startApiTestApp(
      { DATABASE_URL: database.url, LOG_LEVEL: 'debug' },
      { logDestination: log.destination },
    );
  });

  afterAll(async () => {
    await sut.close();
    await database.drop();
  });

  it('writes a JSON line per request at debug, with the correlation id', async () => {
    await request(sut.getHttpServer())
      .get('/api/v1/payloads?page_size=1')
      .set('x-request-id', 'trace-7')
      .expect(200);
    expect(log.lines()).toContainEqual(
      expect.objectContaining({
        level: 'debug',
        msg: 'request completed',
        context: 'HttpRequest',
        correlation_id: 'trace-7',
        req: { method: 'GET', url: '/api/v1/payloads?page_size=1' },
        res: { status: 200 },
      }),
    );
  });

  it('logs an unexpected error with the id the response echoed, and the request at error', async () => {
    await executeSql(database.url, 'ALTER TABLE payloads RENAME COLUMN account TO account_renamed');
    const response = await request(sut.getHttpServer()).get('/api/v1/payloads').expect(500);
    const correlation = { correlation_id: response.headers['x-request-id'] as string };
    const lines = log
      .lines()
      .filter((line) => line['correlation_id'] === correlation.correlation_id);
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'error',
        context: 'ApiExceptionFilter',
        msg: expect.stringContaining('Unhandled error') as unknown,
        req: { method: 'GET', url: '/api/v1/payloads' },
      }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 'error', msg: 'request errored', res: { status: 500 } }),
    );
    expect(lines.map((line) => line['msg'])).not.toContain('request completed');
  });

  it('never logs the identity header', async () => {
    await request(sut.getHttpServer())
      .get('/api/v1/roles/archiveLink')
      .set('x-rh-identity', 'c2VjcmV0LWlkZW50aXR5')
      .query({ request_id: '0e4e5f1c-6b1a-4b5e-9d7c-3a2f1e0d9c8b' });
    expect(JSON.stringify(log.lines())).not.toContain('c2VjcmV0LWlkZW50aXR5');
  });
});
