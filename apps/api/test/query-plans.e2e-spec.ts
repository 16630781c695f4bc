import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestDatabase } from '@payload-tracker/local-stack';
import type { TestDatabase } from '@payload-tracker/local-stack';
import { Client } from 'pg';
import request from 'supertest';
import { StatementRunner } from '@payload-tracker/entities';
import type { SqlStatement } from '@payload-tracker/entities';
import { countPayloadsStatement, listPayloadsStatement } from '../src/payloads/payloads.sql';
import type { PayloadListCriteria } from '../src/payloads/payloads.sql';
import { countStatusesStatement } from '../src/statuses/statuses.sql';
import { startApiTestApp } from './support/api-test-app';
import { executeSql, seedPayloads } from './support/seed-data';

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
    expect(await plansOf('AS statuses', 'AS groups')).toEqual({ generic: 7, custom: 0 });
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

  describe('outcome filters and sort', () => {
    const reading = { stalledAfterMinutes: 60 };
    const page: PayloadListCriteria = {
      page: 0,
      page_size: 10,
      sort_by: 'created_at',
      sort_dir: 'desc',
    };
    /** Microseconds since the epoch, a minute ago: a bound only the latest statuses pass. */
    const aMinuteAgo = BigInt(Date.now() - 60_000) * 1000n;

    // 20,000 payloads, a tenth failed (half of them in puptoo), a tenth still in progress (half
    // of those stalled), the rest succeeded; their latest status up to a day after creation.
    beforeAll(async () => {
      await executeSql(
        database.url,
        `INSERT INTO services (name) VALUES ('planner-puptoo'), ('planner-inventory')
         ON CONFLICT (name) DO NOTHING`,
      );
      await executeSql(
        database.url,
        `WITH created AS (
           INSERT INTO payloads (request_id, account, created_at)
           SELECT md5('plan' || i), (i % 500)::text, now() - i * interval '13 seconds'
           FROM generate_series(1, 20000) AS i
           RETURNING id, created_at, account::integer AS i
         )
         INSERT INTO payload_outcomes (payload_id, state, created_at, status_count,
           last_status_at, last_status_row, last_service_id, last_status_id,
           failed_at, failed_service_id, failed_status_id)
         SELECT c.id,
                CASE WHEN c.id % 10 = 0 THEN 'failed' WHEN c.id % 10 = 1 THEN 'in_progress'
                     ELSE 'succeeded' END,
                c.created_at, 3,
                CASE WHEN c.id % 20 = 1 THEN c.created_at - interval '2 days'
                     ELSE c.created_at + (c.id % 86400) * interval '1 second' END,
                1, 1, 1,
                CASE WHEN c.id % 10 = 0 THEN c.created_at END,
                CASE WHEN c.id % 10 = 0 THEN
                  (SELECT id FROM services
                   WHERE name = CASE WHEN c.id % 20 = 0 THEN 'planner-puptoo' ELSE 'planner-inventory' END)
                END,
                CASE WHEN c.id % 10 = 0 THEN 1 END
         FROM created c`,
      );
      await executeSql(database.url, 'VACUUM ANALYZE payloads, payload_outcomes');
    });

    async function planOf(statement: SqlStatement): Promise<string> {
      const client = new Client({ connectionString: database.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${statement.sql}`, [
          ...statement.parameters,
        ]);
        return rows.map((row) => row['QUERY PLAN']).join('\n');
      } finally {
        await client.end();
      }
    }

    /**
     * name, criteria, the index the list walks, and whether it walks it in the sort's order
     * (otherwise the filter is selective: the few rows it finds are sorted).
     */
    it.each<[string, Partial<PayloadListCriteria>, RegExp, boolean]>([
      ['state=failed', { state: ['failed'] }, /ix_payload_outcomes_state_created_at_id/, true],
      [
        'state=succeeded',
        { state: ['succeeded'] },
        /ix_payload_outcomes_state_created_at_id/,
        true,
      ],
      // The recent in-progress ones are few: found by (state, last_status_at), then sorted.
      [
        'state=in_progress',
        { state: ['in_progress'] },
        /ix_payload_outcomes_state_(created_at|last_status_at)_id/,
        false,
      ],
      [
        'state=stalled',
        { state: ['stalled'] },
        /ix_payload_outcomes_state_(created_at|last_status_at)_id/,
        false,
      ],
      [
        'failed_service',
        { failed_service: 'planner-puptoo' },
        /ix_payload_outcomes_failed_service_created_at_id/,
        true,
      ],
      [
        'last_status_at_gte',
        { last_status_at_gte: aMinuteAgo },
        /ix_payload_outcomes_last_status_at_id/,
        false,
      ],
      [
        'sort_by=last_status_at',
        { sort_by: 'last_status_at' },
        /ix_payload_outcomes_last_status_at_id/,
        true,
      ],
      [
        'sort_by=last_status_at asc with a state',
        { sort_by: 'last_status_at', sort_dir: 'asc', state: ['failed'] },
        /ix_payload_outcomes_state_last_status_at_id/,
        true,
      ],
    ])(
      'serves %s from an index of payload_outcomes',
      async (_name, criteria, index, isWalkSorted) => {
        const listPlan = await planOf(listPayloadsStatement({ ...page, ...criteria }, reading));
        expect(listPlan).toMatch(index);
        expect(listPlan).not.toMatch(/Seq Scan on payload(s|_outcomes)/);
        if (isWalkSorted) {
          // No sort below the page's: at most its ten rows are sorted again.
          expect(listPlan).not.toMatch(/Sort Key: (o|p)\./);
        }
      },
    );

    // `succeeded` is most payloads: its count reads the table until it has 10,001, rightly.
    it.each<[string, Partial<PayloadListCriteria>]>([
      ['state=failed', { state: ['failed'] }],
      ['state=stalled', { state: ['stalled'] }],
      ['state=in_progress', { state: ['in_progress'] }],
      ['failed_service', { failed_service: 'planner-puptoo' }],
      ['last_status_at_gte', { last_status_at_gte: aMinuteAgo }],
    ])('counts %s from an index of payload_outcomes alone', async (_name, criteria) => {
      const plan = await planOf(countPayloadsStatement({ ...page, ...criteria }, reading));
      expect(plan).toMatch(/(Index (Only )?Scan using|Bitmap Index Scan on) ix_payload_outcomes_/);
      expect(plan).not.toMatch(/Seq Scan|payloads p/);
    });

    it('joins the outcome of the page by its primary key without an outcome filter', async () => {
      const plan = await planOf(listPayloadsStatement(page, reading));
      expect(plan).toContain('ix_payloads_created_at_id');
      expect(plan).toContain('pk_payload_outcomes');
      expect(plan).not.toMatch(/Seq Scan on payload(s|_outcomes)/);
    });

    it('plans a count bounded on two columns for every execution, never settling on a generic plan', async () => {
      // Each bound narrower than the one before, so no count is answered from the count cache.
      for (let day = 9; day > 1; day--) {
        await request(sut.getHttpServer())
          .get(
            `/api/v1/payloads?last_status_at_lt=2099-01-0${day.toString()}T00:00:00Z&page_size=1`,
          )
          .expect(200);
      }
      expect(
        await plansOf('SELECT count(*)', 'o.last_status_at < $1', 'o.created_at < $2'),
      ).toEqual({
        generic: 0,
        custom: 8,
      });
    });
  });
});
