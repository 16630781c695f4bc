import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startDedicatedPostgres } from '@payload-tracker/local-stack';
import type { DedicatedPostgres } from '@payload-tracker/local-stack';
import request from 'supertest';
import { startApiTestApp } from './support/api-test-app';

describe('health when the database stops', () => {
  let postgres: DedicatedPostgres;
  let sut: NestFastifyApplication;

  beforeAll(async () => {
    postgres = await startDedicatedPostgres();
    sut = await startApiTestApp({ DATABASE_URL: postgres.url });
  });

  afterAll(async () => {
    await sut.close();
    await postgres.dispose();
  });

  it('answers 503 while the database is down and OK again once it is back', async () => {
    await request(sut.getHttpServer()).get('/health').expect(200, 'OK');

    await postgres.stop();
    const down = await request(sut.getHttpServer()).get('/health').expect(503);
    expect(down.body).toEqual({
      title: 'Service Unavailable',
      message: 'The database does not answer',
      status: 503,
    });
    const ready = await request(sut.getHttpServer()).get('/health/ready').expect(503);
    expect(ready.body).toMatchObject({ status: 'error', error: { database: { status: 'down' } } });
    await request(sut.getHttpServer()).get('/health/live').expect(200);
    // Data routes say the same, with the contract body and when to retry, never a 500.
    for (const path of ['/api/v1/payloads', '/api/v1/statuses', '/api/v1/payloads/abc']) {
      const data = await request(sut.getHttpServer()).get(path).expect(503);
      expect(data.body).toEqual({
        title: 'Service Unavailable',
        message: 'The database does not answer; retry later',
        status: 503,
      });
      expect(data.headers['retry-after']).toBe('5');
    }

    await postgres.start();
    await request(sut.getHttpServer()).get('/health').expect(200, 'OK');
    await request(sut.getHttpServer()).get('/api/v1/payloads').expect(200);
  });
});
