import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestDatabase } from '@payload-tracker/local-stack';
import type { TestDatabase } from '@payload-tracker/local-stack';
import request from 'supertest';
import { startApiTestApp } from './support/api-test-app';
import { computeOutcomes, seedPayloads } from './support/seed-data';
import type { SeedPayload, SeedStatus } from './support/seed-data';

/** Request ids: 32 hex digits. */
const FAILED = 'f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1';
const FAILED_INVENTORY = 'f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2';
const SUCCEEDED = 'a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5';
const IN_PROGRESS = 'b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6';
const STALLED = 'c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7';
/** Stored after the outcomes were computed: it has none. */
const WITHOUT_OUTCOME = 'd8d8d8d8d8d8d8d8d8d8d8d8d8d8d8d8';

const MINUTE_MS = 60_000;
/** Whole seconds before now, so the microsecond texts below are exact. */
const NOW_MS = Math.floor(Date.now() / 1000) * 1000;

/** A timestamp `minutes` before the test started, plus `micros` microseconds, as the API writes it. */
function at(minutes: number, micros = 0): string {
  const whole = new Date(NOW_MS - minutes * MINUTE_MS + Math.floor(micros / 1000)).toISOString();
  return `${whole.slice(0, 19)}.${(micros % 1_000_000).toString().padStart(6, '0')}Z`;
}

function status(
  service: string,
  source: string | null,
  name: string,
  date: string,
  statusMsg: string | null = null,
): SeedStatus {
  return { service, source, status: name, statusMsg, date, createdAt: date };
}

function payload(requestId: string, statuses: readonly SeedStatus[]): SeedPayload {
  return {
    requestId,
    account: '1001',
    orgId: 'org1',
    inventoryId: null,
    systemId: null,
    createdAt: statuses[0]?.date ?? at(0),
    statuses,
  };
}

// Created (first status) in this order: STALLED, FAILED, SUCCEEDED, FAILED_INVENTORY,
// IN_PROGRESS; latest status in the order STALLED, SUCCEEDED, FAILED, FAILED_INVENTORY,
// IN_PROGRESS.
const PAYLOADS: readonly SeedPayload[] = [
  payload(STALLED, [
    status('ingress', null, 'received', at(300, 100_000)),
    status('ingress', null, 'success', at(300, 600_000)),
    status('puptoo', 'client', 'received', at(299)),
  ]),
  payload(FAILED, [
    status('ingress', null, 'received', at(180, 123_456)),
    status('ingress', null, 'success', at(180, 1_623_456)),
    status('puptoo', null, 'received', at(180, 2_000_000)),
    status('puptoo', null, 'error', at(180, 3_250_000), 'the archive is not a valid tarball'),
    status('inventory', 'client', 'received', at(20, 1)),
  ]),
  payload(SUCCEEDED, [
    status('ingress', null, 'received', at(120)),
    status('ingress', null, 'success', at(120, 1_500_000)),
    status('puptoo', 'client', 'received', at(119)),
    status('puptoo', 'client', 'success', at(110)),
  ]),
  payload(FAILED_INVENTORY, [
    status('ingress', null, 'received', at(90)),
    status('inventory', null, 'failed', at(15), 'deadlock detected'),
  ]),
  payload(IN_PROGRESS, [status('ingress', null, 'received', at(10))]),
];

describe('payload outcomes in the API', () => {
  let database: TestDatabase;
  let sut: NestFastifyApplication;

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedPayloads(database.url, PAYLOADS);
    await computeOutcomes(database.url);
    await seedPayloads(database.url, [
      payload(WITHOUT_OUTCOME, [status('ingress', null, 'received', at(5))]),
    ]);
    sut = await startApiTestApp({ DATABASE_URL: database.url, STALLED_AFTER_MINUTES: '60' });
  });

  afterAll(async () => {
    await sut.close();
    await database.drop();
  });

  const list = async (query: string): Promise<{ count: number; data: Record<string, unknown>[] }> =>
    (await request(sut.getHttpServer()).get(`/api/v1/payloads${query}`).expect(200)).body as {
      count: number;
      data: Record<string, unknown>[];
    };
  const requestIds = async (query: string): Promise<unknown[]> =>
    (await list(query)).data.map((row) => row['request_id']);

  describe('GET /payloads', () => {
    it('adds the outcome fields to each row, leaving absent ones out', async () => {
      const { data } = await list('?request_id=' + FAILED);
      expect(data).toEqual([
        {
          id: expect.any(Number) as number,
          request_id: FAILED,
          account: '1001',
          org_id: 'org1',
          created_at: at(180, 123_456),
          state: 'failed',
          status_count: 5,
          last_status_at: at(20, 1),
          last_service: 'inventory',
          last_source: 'client',
          last_status: 'received',
          failed_service: 'puptoo',
          failed_status: 'error',
          failed_status_msg: 'the archive is not a valid tarball',
          failed_at: at(180, 3_250_000),
        },
      ]);
      const [succeeded] = (await list('?request_id=' + SUCCEEDED)).data;
      expect(succeeded).toMatchObject({ state: 'succeeded', last_service: 'puptoo' });
      expect(Object.keys(succeeded ?? {}).filter((key) => key.startsWith('failed_'))).toEqual([]);
    });

    it('lists a payload without an outcome without its fields', async () => {
      const { data } = await list('?request_id=' + WITHOUT_OUTCOME);
      expect(Object.keys(data[0] ?? {})).toEqual([
        'id',
        'request_id',
        'account',
        'org_id',
        'created_at',
      ]);
    });

    it.each([
      ['failed', [FAILED_INVENTORY, FAILED]],
      ['succeeded', [SUCCEEDED]],
      ['in_progress', [IN_PROGRESS]],
      ['stalled', [STALLED]],
      ['failed,stalled', [FAILED_INVENTORY, FAILED, STALLED]],
      ['stalled, in_progress', [IN_PROGRESS, STALLED]],
    ])('filters state=%s, newest first, counted', async (state, expected) => {
      const body = await list(`?state=${encodeURIComponent(state)}`);
      expect(body.data.map((row) => row['request_id'])).toEqual(expected);
      expect(body.count).toBe(expected.length);
      for (const row of body.data) {
        expect(state).toContain(String(row['state']));
      }
    });

    it('reads stalled by STALLED_AFTER_MINUTES', async () => {
      const late = await startApiTestApp({
        DATABASE_URL: database.url,
        STALLED_AFTER_MINUTES: '5',
      });
      try {
        const response = await request(late.getHttpServer())
          .get('/api/v1/payloads?state=stalled&sort_dir=asc')
          .expect(200);
        const body = response.body as { count: number; data: Record<string, unknown>[] };
        expect(body.data.map((row) => [row['request_id'], row['state']])).toEqual([
          [STALLED, 'stalled'],
          [IN_PROGRESS, 'stalled'],
        ]);
        expect(body.count).toBe(2);
      } finally {
        await late.close();
      }
    });

    it('pages a state filter', async () => {
      expect(await requestIds('?state=failed,stalled&page_size=2&page=1')).toEqual([STALLED]);
    });

    it('combines an outcome filter with the payload filters and created_at ranges', async () => {
      expect(await requestIds(`?state=failed&account=1001&created_at_lt=${at(100)}`)).toEqual([
        FAILED,
      ]);
      expect(await requestIds('?state=failed&account=nobody')).toEqual([]);
    });

    it.each([
      ['puptoo', [FAILED]],
      ['INVENTORY', [FAILED_INVENTORY]],
      ['ingress', []],
    ])('filters failed_service=%s (lower-cased)', async (service, expected) => {
      const body = await list(`?failed_service=${service}`);
      expect(body.data.map((row) => row['request_id'])).toEqual(expected);
      expect(body.count).toBe(expected.length);
    });

    it.each([
      [`last_status_at_gte=${at(20, 1)}`, [IN_PROGRESS, FAILED_INVENTORY, FAILED]],
      [`last_status_at_gt=${at(20, 1)}`, [IN_PROGRESS, FAILED_INVENTORY]],
      [`last_status_at_lt=${at(20, 1)}`, [SUCCEEDED, STALLED]],
      [`last_status_at_lte=${at(20, 1)}&last_status_at_gt=${at(110)}`, [FAILED]],
    ])('filters %s', async (query, expected) => {
      const body = await list(`?${query}`);
      expect(body.data.map((row) => row['request_id'])).toEqual(expected);
      expect(body.count).toBe(expected.length);
    });

    it.each([
      ['asc', [STALLED, SUCCEEDED, FAILED, FAILED_INVENTORY, IN_PROGRESS]],
      ['desc', [IN_PROGRESS, FAILED_INVENTORY, FAILED, SUCCEEDED, STALLED]],
    ])('sorts by last_status_at %s, page by page', async (direction, expected) => {
      const pages = await Promise.all(
        [0, 1, 2].map((page) =>
          list(`?sort_by=last_status_at&sort_dir=${direction}&page_size=2&page=${page.toString()}`),
        ),
      );
      expect(pages.flatMap((page) => page.data.map((row) => row['request_id']))).toEqual(expected);
      expect(pages.map((page) => page.count)).toEqual([5, 5, 5]);
    });

    it('sorts one state by last_status_at', async () => {
      expect(await requestIds('?state=failed&sort_by=last_status_at&sort_dir=asc')).toEqual([
        FAILED,
        FAILED_INVENTORY,
      ]);
    });

    it.each([
      ['state=bogus', 'state'],
      ['state=failed,bogus', 'state'],
      ['state=', 'state'],
      ['state=stalled&state=nope', 'state'],
      ['last_status_at_gt=yesterday', 'last_status_at_gt'],
      ['last_status_at_lte=2026-13-01T00:00:00Z', 'last_status_at_lte'],
      ['failed_service=a&failed_service=b', 'failed_service'],
    ])('refuses %s with a 400 naming %s', async (query, parameter) => {
      const response = await request(sut.getHttpServer())
        .get(`/api/v1/payloads?${query}`)
        .expect(400);
      expect(response.body).toEqual({
        title: 'Bad Request',
        message: expect.stringContaining(parameter) as string,
        status: 400,
      });
    });

    it('names the allowed states in a 400', async () => {
      const response = await request(sut.getHttpServer())
        .get('/api/v1/payloads?state=lost')
        .expect(400);
      expect((response.body as { message: string }).message).toBe(
        'state must be one or several (comma-separated) of: failed, succeeded, in_progress, stalled',
      );
    });
  });

  describe('GET /payloads/{request_id}', () => {
    it('adds the summary: the outcome and its groups by first status', async () => {
      const response = await request(sut.getHttpServer())
        .get(`/api/v1/payloads/${FAILED}`)
        .expect(200);
      const body = response.body as { data: unknown[]; duration: unknown; summary: unknown };
      expect(body.data).toHaveLength(5);
      expect(body.duration).toMatchObject({ 'ingress:undefined': '00:00:01.500000' });
      expect(body.summary).toEqual({
        state: 'failed',
        status_count: 5,
        last_status_at: at(20, 1),
        last_service: 'inventory',
        last_source: 'client',
        last_status: 'received',
        failed_service: 'puptoo',
        failed_status: 'error',
        failed_status_msg: 'the archive is not a valid tarball',
        failed_at: at(180, 3_250_000),
        groups: [
          {
            service: 'ingress',
            state: 'succeeded',
            first_at: at(180, 123_456),
            last_at: at(180, 1_623_456),
            duration: '00:00:01.500000',
            status_count: 2,
          },
          {
            service: 'puptoo',
            state: 'failed',
            first_at: at(180, 2_000_000),
            last_at: at(180, 3_250_000),
            duration: '00:00:01.250000',
            status_count: 2,
          },
          {
            service: 'inventory',
            source: 'client',
            state: 'in_progress',
            first_at: at(20, 1),
            last_at: at(20, 1),
            duration: '00:00:00.000000',
            status_count: 1,
          },
        ],
      });
    });

    it('shows a stalled payload as stalled, its groups never', async () => {
      const response = await request(sut.getHttpServer())
        .get(`/api/v1/payloads/${STALLED}`)
        .expect(200);
      const summary = (response.body as { summary: { state: string; groups: unknown[] } }).summary;
      expect(summary.state).toBe('stalled');
      expect(summary.groups).toEqual([
        expect.objectContaining({ service: 'ingress', state: 'succeeded' }),
        expect.objectContaining({ service: 'puptoo', source: 'client', state: 'in_progress' }),
      ]);
    });

    it('leaves the summary out for a payload without an outcome', async () => {
      const response = await request(sut.getHttpServer())
        .get(`/api/v1/payloads/${WITHOUT_OUTCOME}`)
        .expect(200);
      expect(Object.keys(response.body as object)).toEqual(['data', 'duration']);
    });
  });
});
