import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DatabasePool, StatusBatchWriter } from '@payload-tracker/entities';
import { createTestDatabase } from '@payload-tracker/local-stack';
import type { TestDatabase } from '@payload-tracker/local-stack';
import { OpsHttpServer } from '@payload-tracker/platform';
import {
  durationBinOf,
  durationBinValueMicros,
  formatDuration,
  formatTimestamp,
} from '@payload-tracker/status-lifecycle';
import type { StatusMessage } from '@payload-tracker/status-lifecycle';
import request from 'supertest';

import { startApiTestApp } from './support/api-test-app';

const MINUTE = 60_000_000n;
const SECOND = 1_000_000n;
const STALLED_AFTER_MINUTES = 30;
const RETENTION_DAYS = 2;
/** The fixtures are dated relative to when the file starts; the api reads the database clock. */
const now = BigInt(Date.now()) * 1000n;

const id = (n: number): string => n.toString(16).padStart(32, '0');
const FAILED_FIRST = id(1);
const SUCCEEDED = id(2);
const FAILED_LATEST = id(3);
const IN_PROGRESS = id(4);
const STALLED = id(5);
const EARLIER = id(6);

/** The bin a duration lands in, reported as its upper bound. */
const reported = (micros: bigint): string =>
  formatDuration(durationBinValueMicros(durationBinOf(micros)));

interface StatsBody {
  since: string;
  until: string;
  services: Record<string, unknown>[];
  totals: Record<string, number>;
}

describe('GET /api/v1/stats/services and the payload gauges', () => {
  let database: TestDatabase;
  let pool: DatabasePool;
  let sut: NestFastifyApplication;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new DatabasePool({ connectionString: database.url, max: 2, options: '-c TimeZone=UTC' });
    const at = (minutesAgo: number, secondsLater = 0): bigint =>
      now - BigInt(minutesAgo) * MINUTE + BigInt(secondsLater) * SECOND;
    const message = (
      requestId: string,
      service: string,
      source: string | null,
      status: string,
      date: bigint,
      statusMsg: string | null = null,
    ): StatusMessage => ({
      requestId,
      service,
      source,
      status,
      date,
      statusMsg,
      account: null,
      orgId: null,
      inventoryId: null,
      systemId: null,
    });
    await new StatusBatchWriter(pool).write([
      // Failed in inventory after 60 s; ingress succeeded before it.
      message(FAILED_FIRST, 'ingress', null, 'received', at(51)),
      message(FAILED_FIRST, 'ingress', null, 'success', at(51, 1)),
      message(FAILED_FIRST, 'inventory', 'client', 'received', at(50)),
      message(FAILED_FIRST, 'inventory', 'client', 'error', at(49), 'hostmissing'),
      // Succeeded in inventory after 1 s.
      message(SUCCEEDED, 'inventory', 'client', 'received', at(40)),
      message(SUCCEEDED, 'inventory', 'client', 'success', at(40, 1)),
      // Failed in inventory after 10 minutes: the latest failure.
      message(FAILED_LATEST, 'inventory', 'client', 'received', at(30)),
      message(FAILED_LATEST, 'inventory', 'client', 'processing', at(25)),
      message(FAILED_LATEST, 'inventory', 'client', 'error', at(20), 'timeout'),
      // Open in ingress: heard from 10 minutes ago, and 45 minutes ago (stalled after 30).
      message(IN_PROGRESS, 'ingress', null, 'received', at(10)),
      message(STALLED, 'ingress', null, 'received', at(45)),
      // Three hours ago, in advisor.
      message(EARLIER, 'advisor', 'client', 'received', at(180)),
      message(EARLIER, 'advisor', 'client', 'success', at(180, 2)),
    ]);
    sut = await startApiTestApp({
      DATABASE_URL: database.url,
      STALLED_AFTER_MINUTES: STALLED_AFTER_MINUTES.toString(),
      RETENTION_DAYS: RETENTION_DAYS.toString(),
    });
  });

  afterAll(async () => {
    await sut.close();
    await pool.close();
    await database.drop();
  });

  const get = (query = '') => request(sut.getHttpServer()).get(`/api/v1/stats/services${query}`);
  const ago = (micros: bigint): string => formatTimestamp(now - micros);

  const inventory = {
    service: 'inventory',
    source: 'client',
    payloads: 3,
    succeeded: 1,
    failed: 2,
    in_progress: 0,
    stalled: 0,
    success_rate: 1 / 3,
    duration_p50: reported(60n * SECOND),
    duration_p95: reported(10n * MINUTE),
    duration_p99: reported(10n * MINUTE),
    last_failure: {
      request_id: FAILED_LATEST,
      status: 'error',
      status_msg: 'timeout',
      date: ago(20n * MINUTE),
    },
  };
  const ingress = {
    service: 'ingress',
    payloads: 3,
    succeeded: 1,
    failed: 0,
    in_progress: 1,
    stalled: 1,
    success_rate: 1,
    duration_p50: reported(SECOND),
    duration_p95: reported(SECOND),
    duration_p99: reported(SECOND),
  };

  it('reports the last hour by default, the failing service first, with its rate, percentiles and latest failure', async () => {
    const response = await get().expect(200);
    const body = response.body as StatsBody;
    expect(body.services).toEqual([inventory, ingress]);
    expect(body.totals).toEqual({ succeeded: 1, failed: 2, in_progress: 1, stalled: 1 });
  });

  it('reads the window in whole minutes, an hour long by default', async () => {
    const body = (await get().expect(200)).body as StatsBody;
    expect(body.since).toMatch(/:00\.000000Z$/);
    expect(body.until).toMatch(/:00\.000000Z$/);
    const length = Date.parse(body.until) - Date.parse(body.since);
    expect([60, 61]).toContain(length / 60_000);
  });

  it('adds hour buckets for whole hours without counting anything twice', async () => {
    const body = (await get(`?since=${ago(240n * MINUTE)}`).expect(200)).body as StatsBody;
    expect(body.services).toEqual([
      inventory,
      {
        service: 'advisor',
        source: 'client',
        payloads: 1,
        succeeded: 1,
        failed: 0,
        in_progress: 0,
        stalled: 0,
        success_rate: 1,
        duration_p50: reported(2n * SECOND),
        duration_p95: reported(2n * SECOND),
        duration_p99: reported(2n * SECOND),
      },
      ingress,
    ]);
    expect(body.totals).toEqual({ succeeded: 2, failed: 2, in_progress: 1, stalled: 1 });
  });

  it('leaves out a service that neither started nor closed a group in the window', async () => {
    const body = (await get(`?since=${ago(15n * MINUTE)}&until=${ago(12n * MINUTE)}`).expect(200))
      .body as StatsBody;
    expect(body.services).toEqual([]);
    expect(body.totals).toEqual({ succeeded: 0, failed: 0, in_progress: 0, stalled: 0 });
  });

  it('counts a failure in the window whose group started before it', async () => {
    const body = (await get(`?since=${ago(22n * MINUTE)}&until=${ago(18n * MINUTE)}`).expect(200))
      .body as StatsBody;
    expect(body.services).toEqual([
      {
        service: 'inventory',
        source: 'client',
        payloads: 0,
        succeeded: 0,
        failed: 0,
        in_progress: 0,
        stalled: 0,
        duration_p50: reported(10n * MINUTE),
        duration_p95: reported(10n * MINUTE),
        duration_p99: reported(10n * MINUTE),
        last_failure: inventory.last_failure,
      },
    ]);
  });

  it.each([
    [
      'since equal to until',
      () => `?since=${ago(MINUTE)}&until=${ago(MINUTE)}`,
      /^since must be earlier than until/,
    ],
    [
      'since after until',
      () => `?since=${ago(MINUTE)}&until=${ago(2n * MINUTE)}`,
      /^since must be earlier than until/,
    ],
    [
      'since before the retention',
      () => `?since=${ago(3n * 24n * 60n * MINUTE)}`,
      /^since must be no earlier than 2 days/,
    ],
    [
      'a window longer than the retention',
      () => `?since=${ago(24n * 60n * MINUTE)}&until=${ago(-2n * 24n * 60n * MINUTE)}`,
      /^the window from since to until must be at most 2 days/,
    ],
    ['since not a timestamp', () => '?since=yesterday', /^since must be an RFC 3339 timestamp/],
    ['until not a timestamp', () => '?until=2026-13-01', /^until must be an RFC 3339 timestamp/],
  ])('answers 400 naming the parameter for %s', async (_case, query, message) => {
    const response = await get(query()).expect(400);
    expect(response.body).toEqual({
      title: 'Bad Request',
      message: expect.stringMatching(message) as string,
      status: 400,
    });
  });

  it('is served under the alias prefix too', async () => {
    const response = await request(sut.getHttpServer())
      .get('/app/payload-tracker/api/v1/stats/services')
      .expect(200);
    expect((response.body as StatsBody).services).toHaveLength(2);
  });

  it('exposes the payload gauges on the metrics endpoint', async () => {
    const port = await sut.get(OpsHttpServer).listen(0, '127.0.0.1');
    const response = await request(`http://127.0.0.1:${port.toString()}`)
      .get('/metrics')
      .expect(200);
    for (const [state, count] of [
      ['failed', 2],
      ['succeeded', 2],
      ['in_progress', 1],
      ['stalled', 1],
    ] as const) {
      expect(response.text).toContain(
        `payload_tracker_payloads{state="${state}"} ${count.toString()}`,
      );
    }
    expect(response.text).toContain(
      'payload_tracker_stalled_payloads{service="ingress",source="undefined"} 1',
    );
    expect(response.text.match(/^payload_tracker_stalled_payloads\{/gm)).toHaveLength(1);
  });
});
