import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestDatabase } from '@payload-tracker/local-stack';
import type { TestDatabase } from '@payload-tracker/local-stack';
import request from 'supertest';
import { startApiTestApp } from './support/api-test-app';
import {
  PAYLOADS,
  R1,
  R2,
  R3,
  R5,
  UNKNOWN_REQUEST_ID,
  expectedStatuses,
  sortedLikeApi,
} from './support/fixtures';
import type { ExpectedStatus } from './support/fixtures';
import { seedPayloads } from './support/seed-data';

const SORT_FIELDS = ['service', 'source', 'status', 'status_msg', 'date', 'created_at'] as const;

interface StatusesBody {
  data: Record<string, unknown>[];
  duration: Record<string, string>;
}

describe('GET /api/v1/payloads/{request_id}', () => {
  let database: TestDatabase;
  let sut: NestFastifyApplication;
  let statusesOfR1: ExpectedStatus[];

  beforeAll(async () => {
    database = await createTestDatabase();
    const seeded = await seedPayloads(database.url, PAYLOADS);
    statusesOfR1 = expectedStatuses(seeded).filter((row) => row.request_id === R1);
    sut = await startApiTestApp({ DATABASE_URL: database.url });
  });

  afterAll(async () => {
    await sut.close();
    await database.drop();
  });

  const get = (requestId: string, query = '') =>
    request(sut.getHttpServer()).get(`/api/v1/payloads/${requestId}${query}`);

  it('answers every status, newest first, with every field at verbosity 0', async () => {
    const response = await get(R1).expect(200);
    const body = response.body as StatusesBody;
    const newestFirst = sortedLikeApi(statusesOfR1, 'date', 'desc');
    expect(body.data).toEqual(
      newestFirst.map((row) => ({
        ...row,
        account: '1001',
        org_id: 'orgb',
        inventory_id: 'inv1',
        system_id: 'sys1',
      })),
    );
    expect(body.data[0]).toMatchObject({ service: 'inventory', status: 'error' });
  });

  it('computes durations per service:source group with microseconds', async () => {
    const response = await get(R1).expect(200);
    expect((response.body as StatusesBody).duration).toEqual({
      'ingress:undefined': '00:00:01.500000',
      'puptoo:client': '00:00:03.625456',
      'inventory:inventory': '00:00:00.000000',
      total_time_in_services: '00:00:05.125456',
      total_time: '00:00:05.876544',
    });
  });

  it('lets hours pass 24 in durations', async () => {
    const response = await get(R2).expect(200);
    expect((response.body as StatusesBody).duration).toEqual({
      'ingress:undefined': '25:30:00.000000',
      total_time_in_services: '25:30:00.000000',
      total_time: '25:30:00.000000',
    });
  });

  it('answers a payload without statuses with no rows and zero durations', async () => {
    const response = await get(R5).expect(200);
    expect(response.body).toEqual({
      data: [],
      duration: { total_time_in_services: '00:00:00.000000', total_time: '00:00:00.000000' },
    });
  });

  it('answers 404 with the error body for an unknown request id', async () => {
    const response = await get(UNKNOWN_REQUEST_ID).expect(404);
    expect(response.body).toEqual({
      title: 'Not Found',
      message: `No payload with request_id ${UNKNOWN_REQUEST_ID}`,
      status: 404,
    });
  });

  it('accepts a request id of 255 characters', async () => {
    await get('x'.repeat(255)).expect(404);
  });

  it('shows service, status, inventory_id, date and status_msg at verbosity 1', async () => {
    const response = await get(R1, '?verbosity=1').expect(200);
    const data = (response.body as StatusesBody).data;
    expect(data[0]).toEqual({
      service: 'inventory',
      status: 'error',
      inventory_id: 'inv1',
      date: '2026-11-20T10:00:06.000000Z',
      status_msg: 'hostmissing',
    });
    expect(
      data.every((row) =>
        Object.keys(row).every((key) =>
          ['service', 'status', 'inventory_id', 'date', 'status_msg'].includes(key),
        ),
      ),
    ).toBe(true);
  });

  it('leaves NULL columns out at verbosity 1', async () => {
    const response = await get(R3, '?verbosity=1&sort_dir=asc').expect(200);
    expect((response.body as StatusesBody).data[0]).toEqual({
      service: 'advisor',
      status: 'received',
      inventory_id: 'inv3',
      date: '2026-11-21T09:30:00.500000Z',
    });
  });

  it('shows service, status and date at verbosity 2', async () => {
    const response = await get(R1, '?verbosity=2').expect(200);
    for (const row of (response.body as StatusesBody).data) {
      expect(Object.keys(row).sort()).toEqual(['date', 'service', 'status']);
    }
  });

  describe.each([0, 1, 2])('at verbosity %d', (verbosity) => {
    describe.each(SORT_FIELDS)('sort_by=%s', (field) => {
      it.each(['asc', 'desc'] as const)('orders %s', async (direction) => {
        const response = await get(
          R1,
          `?verbosity=${verbosity.toString()}&sort_by=${field}&sort_dir=${direction}`,
        ).expect(200);
        const received = (response.body as StatusesBody).data.map(
          (row) => `${String(row['service'])}/${String(row['status'])}/${String(row['date'])}`,
        );
        const expected = sortedLikeApi(statusesOfR1, field, direction).map(
          (row) => `${row.service}/${row.status}/${row.date}`,
        );
        expect(received).toEqual(expected);
      });
    });
  });

  it.each([
    ['verbosity=3', 'verbosity must be one of: 0, 1, 2'],
    ['verbosity=x', 'verbosity must be one of: 0, 1, 2'],
    [
      'sort_by=request_id',
      'sort_by must be one of: service, source, status, status_msg, date, created_at',
    ],
    ['sort_dir=sideways', 'sort_dir must be one of: asc, desc'],
  ])('refuses %s with a 400', async (query, message) => {
    const response = await get(R1, `?${query}`).expect(400);
    expect(response.body).toEqual({ title: 'Bad Request', message, status: 400 });
  });
});
