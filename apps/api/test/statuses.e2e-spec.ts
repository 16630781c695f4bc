import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestDatabase } from '@payload-tracker/local-stack';
import type { TestDatabase } from '@payload-tracker/local-stack';
import request from 'supertest';
import { startApiTestApp } from './support/api-test-app';
import { PAYLOADS, R1, R2, R3, expectedStatuses, sortedLikeApi } from './support/fixtures';
import type { ExpectedStatus } from './support/fixtures';
import { seedPayloads } from './support/seed-data';

const SORT_FIELDS = [
  'service',
  'source',
  'request_id',
  'status',
  'status_msg',
  'date',
  'created_at',
] as const;

interface ListBody {
  count: number;
  elapsed: number;
  data: ExpectedStatus[];
}

describe('GET /api/v1/statuses', () => {
  let database: TestDatabase;
  let sut: NestFastifyApplication;
  let all: ExpectedStatus[];

  beforeAll(async () => {
    database = await createTestDatabase();
    all = expectedStatuses(await seedPayloads(database.url, PAYLOADS));
    sut = await startApiTestApp({ DATABASE_URL: database.url });
  });

  afterAll(async () => {
    await sut.close();
    await database.drop();
  });

  const get = (query: string) => request(sut.getHttpServer()).get(`/api/v1/statuses${query}`);
  const idsOf = (body: unknown): number[] => (body as ListBody).data.map((row) => row.id);

  it('lists every status newest first, those without a source included', async () => {
    const response = await get('?page_size=1000').expect(200);
    expect(response.body).toEqual({
      count: all.length,
      elapsed: expect.any(Number) as number,
      data: sortedLikeApi(all, 'date', 'desc'),
    });
    expect((response.body as ListBody).data.filter((row) => row.source === undefined)).toHaveLength(
      5,
    );
  });

  describe.each(SORT_FIELDS)('sort_by=%s', (field) => {
    it.each(['asc', 'desc'] as const)('orders %s with ties broken by id', async (direction) => {
      const response = await get(`?page_size=1000&sort_by=${field}&sort_dir=${direction}`).expect(
        200,
      );
      expect(idsOf(response.body)).toEqual(
        sortedLikeApi(all, field, direction).map((row) => row.id),
      );
    });

    it.each(['asc', 'desc'] as const)('pages %s without gaps or repeats', async (direction) => {
      const pages: number[] = [];
      for (let page = 0; page < 4; page += 1) {
        const response = await get(
          `?page=${page.toString()}&page_size=3&sort_by=${field}&sort_dir=${direction}`,
        ).expect(200);
        expect((response.body as ListBody).count).toBe(all.length);
        pages.push(...idsOf(response.body));
      }
      expect(pages).toEqual(sortedLikeApi(all, field, direction).map((row) => row.id));
    });
  });

  const matching = (predicate: (row: ExpectedStatus) => boolean): number[] =>
    sortedLikeApi(all.filter(predicate), 'date', 'desc').map((row) => row.id);

  it.each([
    ['service=ingress', (row: ExpectedStatus) => row.service === 'ingress'],
    ['service=INGRESS', (row: ExpectedStatus) => row.service === 'ingress'],
    ['source=Client', (row: ExpectedStatus) => row.source === 'client'],
    ['status=received', (row: ExpectedStatus) => row.status === 'received'],
    ['status_msg=extracted', (row: ExpectedStatus) => row.status_msg === 'extracted'],
    [`request_id=${R2}`, (row: ExpectedStatus) => row.request_id === R2],
    [
      'date_gte=2026-11-21T09:30:00.5Z',
      (row: ExpectedStatus) => row.date >= '2026-11-21T09:30:00.500000Z',
    ],
    [
      'date_gt=2026-11-21T09:30:00.5Z',
      (row: ExpectedStatus) => row.date > '2026-11-21T09:30:00.500000Z',
    ],
    [
      'date_lt=2026-11-20T10:00:01.623456Z',
      (row: ExpectedStatus) => row.date < '2026-11-20T10:00:01.623456Z',
    ],
    [
      'date_lte=2026-11-20T10:00:01.623456Z',
      (row: ExpectedStatus) => row.date <= '2026-11-20T10:00:01.623456Z',
    ],
    [
      'created_at_gte=2026-11-21T00:00:00Z',
      (row: ExpectedStatus) => row.created_at >= '2026-11-21T00:00:00.000000Z',
    ],
    [
      'created_at_gt=2026-11-20T10:00:03Z',
      (row: ExpectedStatus) => row.created_at > '2026-11-20T10:00:03.000000Z',
    ],
    [
      'created_at_lt=2026-11-20T10:00:03Z',
      (row: ExpectedStatus) => row.created_at < '2026-11-20T10:00:03.000000Z',
    ],
    [
      'created_at_lte=2026-11-20T10:00:03Z',
      (row: ExpectedStatus) => row.created_at <= '2026-11-20T10:00:03.000000Z',
    ],
    [
      'service=ingress&status=error',
      (row: ExpectedStatus) => row.service === 'ingress' && row.status === 'error',
    ],
    [
      `service=advisor&request_id=${R3}&source=client`,
      (row: ExpectedStatus) => row.request_id === R3,
    ],
    ['service=nosuchservice', () => false],
    ['status_msg=Extracted', () => false],
  ])('filters %s', async (query, predicate) => {
    const response = await get(`?page_size=1000&${query}`).expect(200);
    const expected = matching(predicate);
    expect(idsOf(response.body)).toEqual(expected);
    expect((response.body as ListBody).count).toBe(expected.length);
  });

  it('combines a filter with a sort by name', async () => {
    const response = await get(
      `?page_size=1000&request_id=${R1}&sort_by=service&sort_dir=asc`,
    ).expect(200);
    expect(idsOf(response.body)).toEqual(
      sortedLikeApi(
        all.filter((row) => row.request_id === R1),
        'service',
        'asc',
      ).map((row) => row.id),
    );
  });

  it('keeps microseconds of date and created_at', async () => {
    const response = await get(`?request_id=${R1}&status=success&service=ingress`).expect(200);
    expect((response.body as ListBody).data).toEqual([
      expect.objectContaining({
        date: '2026-11-20T10:00:01.623456Z',
        created_at: '2026-11-20T10:00:02.000000Z',
      }),
    ]);
  });

  it('answers an empty page past the end', async () => {
    const response = await get('?page=1000&page_size=1000&sort_by=service').expect(200);
    expect(response.body).toMatchObject({ count: all.length, data: [] });
  });

  it.each([
    ['page=-1', 'page'],
    ['page_size=1001', 'page_size'],
    ['page_size=0', 'page_size'],
    ['sort_by=account', 'sort_by'],
    ['sort_dir=DESC', 'sort_dir'],
    ['date_lt=soon', 'date_lt'],
    ['date_lte=2026-13-01T00:00:00Z', 'date_lte'],
    ['date_gt=2026-11-20T25:00:00Z', 'date_gt'],
    ['date_gte=now', 'date_gte'],
    ['created_at_lt=x', 'created_at_lt'],
    ['created_at_lte=1', 'created_at_lte'],
    ['created_at_gt=2026-11-20T10:00', 'created_at_gt'],
    ['created_at_gte=T', 'created_at_gte'],
    ['service=a&service=b', 'service'],
  ])('refuses %s with a 400 naming %s', async (query, parameter) => {
    const response = await get(`?${query}`).expect(400);
    expect(response.body).toEqual({
      title: 'Bad Request',
      message: expect.stringContaining(parameter) as string,
      status: 400,
    });
  });
});
