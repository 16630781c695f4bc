import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestDatabase } from '@payload-tracker/local-stack';
import type { TestDatabase } from '@payload-tracker/local-stack';
import request from 'supertest';
import { DatabaseService } from '../src/database/database.service';
import { startApiTestApp } from './support/api-test-app';
import { seedPayloads } from './support/seed-data';

interface PreparedStatementRow {
  statement: string;
  generic_plans: string;
  custom_plans: string;
}

/**
 * Which plans PostgreSQL really used for the api's prepared statements, read from the session's
 * own `pg_prepared_statements` (one pooled connection, so every request shares the session).
 */
describe('query plans', () => {
  let database: TestDatabase;
  let sut: NestFastifyApplication;
  const requestId = 'plan-test-request';

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedPayloads(database.url, [
      {
        requestId,
        account: '1',
        orgId: '2',
        inventoryId: null,
        systemId: null,
        createdAt: '2026-11-20T10:00:00.000001Z',
        statuses: [
          {
            service: 'ingress',
            source: null,
            status: 'received',
            statusMsg: null,
            date: '2026-11-20T10:00:00.000001Z',
            createdAt: '2026-11-20T10:00:00.5Z',
          },
        ],
      },
    ]);
    sut = await startApiTestApp({ DATABASE_URL: database.url, DB_POOL_SIZE: '1' });
  });

  afterAll(async () => {
    await sut.close();
    await database.drop();
  });

  async function plansOf(fragment: string): Promise<{ generic: number; custom: number }> {
    const rows = await sut.get(DatabaseService).query<PreparedStatementRow>('test', {
      sql: 'SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements',
      parameters: [],
      plan: 'auto',
    });
    const matching = rows.filter((row) => row.statement.includes(fragment));
    expect(matching).toHaveLength(1);
    return {
      generic: Number(matching[0]?.generic_plans),
      custom: Number(matching[0]?.custom_plans),
    };
  }

  it('never re-plans a lookup by request id or a list without a time bound', async () => {
    for (let i = 0; i < 7; i++) {
      await request(sut.getHttpServer()).get(`/api/v1/payloads/${requestId}`).expect(200);
      await request(sut.getHttpServer()).get('/api/v1/statuses?service=ingress').expect(200);
    }
    expect(await plansOf('LEFT JOIN LATERAL')).toEqual({ generic: 7, custom: 0 });
    expect(await plansOf('WHERE ps.service_id = (SELECT id FROM services')).toEqual({
      generic: 7,
      custom: 0,
    });
  });

  it('plans a list with a time bound for its values, after a generic statement ran', async () => {
    await request(sut.getHttpServer()).get(`/api/v1/payloads/${requestId}`).expect(200);
    for (let i = 0; i < 3; i++) {
      await request(sut.getHttpServer())
        .get('/api/v1/payloads?created_at_gt=2020-01-01T00:00:00Z')
        .expect(200);
    }
    expect(await plansOf('p.created_at > $1::timestamptz')).toEqual({ generic: 0, custom: 3 });
  });
});
