import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestDatabase } from '@payload-tracker/local-stack';
import type { TestDatabase } from '@payload-tracker/local-stack';
import request from 'supertest';
import { startApiTestApp } from './support/api-test-app';
import { PAYLOADS, R1, R2, R3, R4, R5, expectedPayloads, sortedLikeApi } from './support/fixtures';
import type { ExpectedPayload } from './support/fixtures';
import { seedPayloads } from './support/seed-data';

const SORT_FIELDS = [
  'account',
  'org_id',
  'inventory_id',
  'system_id',
  'request_id',
  'created_at',
] as const;

describe('GET /api/v1/payloads', () => {
  let database: TestDatabase;
  let sut: NestFastifyApplication;
  let all: ExpectedPayload[];

  beforeAll(async () => {
    database = await createTestDatabase();
    all = expectedPayloads(await seedPayloads(database.url, PAYLOADS));
    sut = await startApiTestApp({ DATABASE_URL: database.url });
  });

  afterAll(async () => {
    await sut.close();
    await database.drop();
  });

  const get = (query: string) => request(sut.getHttpServer()).get(`/api/v1/payloads${query}`);

  it('lists every payload newest first by default, with NULL columns left out', async () => {
    const response = await get('').expect(200);
    expect(response.body).toEqual({
      count: 5,
      elapsed: expect.any(Number) as number,
      data: sortedLikeApi(all, 'created_at', 'desc'),
    });
    const payload3 = (response.body as { data: Record<string, unknown>[] }).data.find(
      (row) => row['request_id'] === R3,
    );
    expect(payload3).not.toHaveProperty('account');
    expect(payload3).not.toHaveProperty('system_id');
  });

  it('serves the same routes under the frontend proxy prefix', async () => {
    const direct = await get('?sort_by=request_id&sort_dir=asc').expect(200);
    const aliased = await request(sut.getHttpServer())
      .get('/app/payload-tracker/api/v1/payloads?sort_by=request_id&sort_dir=asc')
      .expect(200);
    expect((aliased.body as { data: unknown }).data).toEqual(
      (direct.body as { data: unknown }).data,
    );
  });

  describe.each(SORT_FIELDS)('sort_by=%s', (field) => {
    it.each(['asc', 'desc'] as const)('orders %s with ties broken by id', async (direction) => {
      const response = await get(`?sort_by=${field}&sort_dir=${direction}`).expect(200);
      expect((response.body as { data: ExpectedPayload[] }).data.map((row) => row.id)).toEqual(
        sortedLikeApi(all, field, direction).map((row) => row.id),
      );
    });
  });

  it.each([
    ['request_id', R2, [R2]],
    ['account', '1001', [R4, R1]],
    ['org_id', 'orgb', [R3, R1]],
    ['inventory_id', 'inv3', [R3]],
    ['system_id', 'sys9', [R5]],
    ['account', 'nobody', []],
  ])('filters %s=%s exactly', async (parameter, value, requestIds) => {
    const response = await get(`?${parameter}=${value}`).expect(200);
    const body = response.body as { count: number; data: ExpectedPayload[] };
    expect(body.data.map((row) => row.request_id)).toEqual(requestIds);
    expect(body.count).toBe(requestIds.length);
  });

  it.each([
    ['created_at_gte', '2026-11-20T10:00:00.123456Z', [R5, R4, R3, R2, R1]],
    ['created_at_gt', '2026-11-20T10:00:00.123456Z', [R5, R4, R3, R2]],
    ['created_at_lte', '2026-11-20T11:00:00.000001Z', [R2, R1]],
    ['created_at_lt', '2026-11-20T11:00:00.000001Z', [R1]],
    ['created_at_lt', '2026-11-20T11:00:00.000002Z', [R2, R1]],
    // The same instant with an offset, and without one (UTC).
    ['created_at_gte', '2026-11-20T12:00:00.123457+02:00', [R5, R4, R3, R2]],
    ['created_at_lte', '2026-11-20 10:00:00.123456', [R1]],
  ])('filters %s=%s to the microsecond', async (parameter, value, requestIds) => {
    const response = await get(`?${parameter}=${encodeURIComponent(value)}`).expect(200);
    expect(
      (response.body as { data: ExpectedPayload[] }).data.map((row) => row.request_id),
    ).toEqual(requestIds);
  });

  it('combines filters', async () => {
    const response = await get('?account=1001&created_at_gt=2026-11-21T00:00:00Z').expect(200);
    expect(
      (response.body as { data: ExpectedPayload[] }).data.map((row) => row.request_id),
    ).toEqual([R4]);
  });

  it('keeps microseconds on the way out', async () => {
    const response = await get(`?request_id=${R1}`).expect(200);
    expect((response.body as { data: ExpectedPayload[] }).data[0]?.created_at).toBe(
      '2026-11-20T10:00:00.123456Z',
    );
  });

  it('pages with an offset of page * page_size and a full count', async () => {
    const order = sortedLikeApi(all, 'created_at', 'desc').map((row) => row.id);
    const pages: number[] = [];
    for (let page = 0; page < 3; page += 1) {
      const response = await get(`?page=${page.toString()}&page_size=2`).expect(200);
      const body = response.body as { count: number; data: ExpectedPayload[] };
      expect(body.count).toBe(5);
      pages.push(...body.data.map((row) => row.id));
    }
    expect(pages).toEqual(order);
  });

  it('answers an empty page past the end, still counting', async () => {
    const response = await get('?page=7&page_size=1000').expect(200);
    expect(response.body).toMatchObject({ count: 5, data: [] });
    expect(response.body).not.toHaveProperty('count_is_lower_bound');
  });

  it('ignores unknown parameters', async () => {
    const response = await get('?frobnicate=1&page_size=1').expect(200);
    expect((response.body as { data: unknown[] }).data).toHaveLength(1);
  });

  it.each([
    ['page=-1', 'page'],
    ['page=1.5', 'page'],
    ['page=abc', 'page'],
    ['page_size=0', 'page_size'],
    ['page_size=1001', 'page_size'],
    ['page_size=', 'page_size'],
    ['page_size=2e1', 'page_size'],
    ['sort_by=id', 'sort_by'],
    ['sort_by=ACCOUNT', 'sort_by'],
    ['sort_dir=up', 'sort_dir'],
    ['created_at_lt=yesterday', 'created_at_lt'],
    ['created_at_lte=1700000000', 'created_at_lte'],
    ['created_at_gt=2026-11-20', 'created_at_gt'],
    ['created_at_gte=11/20/2026%2010:00:00', 'created_at_gte'],
    ['account=1&account=2', 'account'],
  ])('refuses %s with a 400 naming %s', async (query, parameter) => {
    const response = await get(`?${query}`).expect(400);
    const body = response.body as { title: string; message: string; status: number };
    expect(body).toEqual({
      title: 'Bad Request',
      message: expect.stringContaining(parameter) as string,
      status: 400,
    });
  });

  it('names the allowed values in a 400', async () => {
    const response = await get('?sort_by=nope').expect(400);
    expect((response.body as { message: string }).message).toBe(
      'sort_by must be one of: account, org_id, inventory_id, system_id, request_id, created_at, last_status_at',
    );
  });
});
