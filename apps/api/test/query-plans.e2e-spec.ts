import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestDatabase } from '@payload-tracker/local-stack';
import type { TestDatabase } from '@payload-tracker/local-stack';
import { Client } from 'pg';
import request from 'supertest';
import { StatementRunner } from '@payload-tracker/entities';
import { countStatusesStatement } from '../src/statuses/statuses.sql';
import { startApiTestApp } from './support/api-test-app';
import { seedPayloads } from './support/seed-data';

/** Longer than the whole-message index takes (1,024 bytes); the next message shares all but its end. */
const LONG_MESSAGE = `${'archive rejected: '.repeat(60)}?`;
const SHORT_MESSAGE = 'inventory: Database write failed: deadlock detected';

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
        statuses: [null, SHORT_MESSAGE, LONG_MESSAGE, `${LONG_MESSAGE.slice(0, -1)}!`].map(
          (statusMsg, index) => ({
            service: 'ingress',
            source: null,
            status: 'received',
            statusMsg,
            date: `2026-11-20T10:00:0${index.toString()}.000001Z`,
            createdAt: '2026-11-20T10:00:10Z',
          }),
        ),
      },
    ]);
    sut = await startApiTestApp({ DATABASE_URL: database.url, DB_POOL_SIZE: '1' });
  });

  afterAll(async () => {
    await sut.close();
    await database.drop();
  });

  async function plansOf(...fragments: string[]): Promise<{ generic: number; custom: number }> {
    const rows = await sut.get(StatementRunner).query<PreparedStatementRow>('test', {
      sql: 'SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements',
      parameters: [],
      plan: 'auto',
    });
    const matching = rows.filter((row) =>
      fragments.every((fragment) => row.statement.includes(fragment)),
    );
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

  it('plans per value a list whose bound may decide which index to walk', async () => {
    await request(sut.getHttpServer()).get(`/api/v1/payloads/${requestId}`).expect(200);
    for (let i = 0; i < 3; i++) {
      await request(sut.getHttpServer())
        .get('/api/v1/statuses?created_at_gt=2020-01-01T00:00:00Z')
        .expect(200);
      await request(sut.getHttpServer())
        .get('/api/v1/payloads?created_at_gt=2020-01-01T00:00:00Z')
        .expect(200);
    }
    expect(await plansOf('WITH page', 'ps.created_at > $1::timestamptz')).toEqual({
      generic: 0,
      custom: 3,
    });
    // Sorted by created_at (the default), the bound only narrows the walk: one generic plan.
    expect(await plansOf('p.created_at > $1::timestamptz', 'ORDER BY p.created_at')).toEqual({
      generic: 3,
      custom: 0,
    });
  });

  it('matches whole messages, short or longer than the whole-message index takes', async () => {
    for (const message of [SHORT_MESSAGE, LONG_MESSAGE]) {
      const response = await request(sut.getHttpServer())
        .get('/api/v1/statuses')
        .query({ status_msg: message })
        .expect(200);
      expect(response.body).toMatchObject({ count: 1, data: [{ status_msg: message }] });
    }
  });

  it('counts a short message from the index alone', async () => {
    const statement = countStatusesStatement({
      page: 0,
      page_size: 10,
      sort_by: 'date',
      sort_dir: 'desc',
      status_msg: SHORT_MESSAGE,
    });
    // On a table this small the planner would rather read it all; rule that out.
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query('SET enable_seqscan = off');
      await client.query('SET enable_bitmapscan = off');
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${statement.sql}`, [
        ...statement.parameters,
      ]);
      const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
      expect(plan).toContain('Index Only Scan using');
      expect(plan).toMatch(/Index Only Scan using \S*status_msg_date/);
      expect(plan).not.toContain('left(');
    } finally {
      await client.end();
    }
  });
});
