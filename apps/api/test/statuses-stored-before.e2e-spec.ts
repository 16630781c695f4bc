import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestDatabase } from '@payload-tracker/local-stack';
import type { TestDatabase } from '@payload-tracker/local-stack';
import request from 'supertest';
import { startApiTestApp } from './support/api-test-app';
import { expectedStatuses, sortedLikeApi } from './support/fixtures';
import type { ExpectedStatus } from './support/fixtures';
import { seedPayloads } from './support/seed-data';
import type { SeedStatus } from './support/seed-data';

interface ListBody {
  count: number;
  data: ExpectedStatus[];
}

function status(date: string, createdAt: string): SeedStatus {
  return { service: 'ingress', source: null, status: 'received', statusMsg: null, date, createdAt };
}

/**
 * `created_at_lt` sorted by `date` is answered in two branches (statuses stored after their
 * date, capped by the bound; statuses stored before it, from a partial index): both must show.
 */
const STATUSES = [
  status('2026-11-20T10:00:00.000000Z', '2026-11-20T10:00:00.500000Z'),
  status('2026-11-20T11:00:00.000000Z', '2026-11-20T11:00:00.000000Z'),
  // Stored late: happened before the bound, stored after it.
  status('2026-11-20T11:30:00.000000Z', '2026-11-20T13:00:00.000000Z'),
  // A producer clock ahead: stored before the bound, dated after it (and after everything).
  status('2026-11-22T09:00:00.000000Z', '2026-11-20T09:00:00.000000Z'),
  status('2026-11-20T11:59:00.000000Z', '2026-11-20T11:59:30.000000Z'),
  status('2026-11-20T12:30:00.000000Z', '2026-11-20T12:30:01.000000Z'),
  status('2026-11-21T08:00:00.000000Z', '2026-11-20T11:58:00.000000Z'),
];

describe('GET /api/v1/statuses?created_at_lt sorted by date', () => {
  let database: TestDatabase;
  let sut: NestFastifyApplication;
  let all: ExpectedStatus[];

  beforeAll(async () => {
    database = await createTestDatabase();
    all = expectedStatuses(
      await seedPayloads(database.url, [
        {
          requestId: 'c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7',
          account: null,
          orgId: null,
          inventoryId: null,
          systemId: null,
          createdAt: '2026-11-20T10:00:00.000000Z',
          statuses: STATUSES,
        },
      ]),
    );
    sut = await startApiTestApp({ DATABASE_URL: database.url });
  });

  afterAll(async () => {
    await sut.close();
    await database.drop();
  });

  const idsOf = (body: unknown): number[] => (body as ListBody).data.map((row) => row.id);

  it.each([
    ['created_at_lt', '2026-11-20T12:00:00Z', (createdAt: string) => createdAt < '2026-11-20T12'],
    [
      'created_at_lte',
      '2026-11-20T11:00:00Z',
      (createdAt: string) => createdAt <= '2026-11-20T11:00:00.000000Z',
    ],
  ])('%s=%s includes statuses stored before their date', async (parameter, bound, isBefore) => {
    const expected = all.filter((row) => isBefore(row.created_at));
    for (const direction of ['asc', 'desc'] as const) {
      const response = await request(sut.getHttpServer())
        .get(`/api/v1/statuses?${parameter}=${bound}&sort_dir=${direction}&page_size=1000`)
        .expect(200);
      expect(idsOf(response.body)).toEqual(
        sortedLikeApi(expected, 'date', direction).map((row) => row.id),
      );
      expect((response.body as ListBody).count).toBe(expected.length);
    }
  });

  it('pages across both branches without gaps or repeats', async () => {
    const expected = sortedLikeApi(
      all.filter((row) => row.created_at < '2026-11-20T12'),
      'date',
      'desc',
    ).map((row) => row.id);
    const pages: number[] = [];
    for (let page = 0; page < 3; page += 1) {
      const response = await request(sut.getHttpServer())
        .get(
          `/api/v1/statuses?created_at_lt=2026-11-20T12:00:00Z&page=${page.toString()}&page_size=2`,
        )
        .expect(200);
      pages.push(...idsOf(response.body));
    }
    expect(expected).toHaveLength(5);
    expect(pages).toEqual(expected);
  });
});
