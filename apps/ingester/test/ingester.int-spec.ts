import { ConfigResourceTypes } from 'kafkajs';
import { Pool } from 'pg';

import { installPgTypeParsers } from '@payload-tracker/entities';
import type { TestDatabase, TestTopics } from '@payload-tracker/local-stack';
import { createTestDatabase, createTestTopics, waitUntil } from '@payload-tracker/local-stack';
import type { RejectionReason } from '@payload-tracker/status-lifecycle';
import {
  REJECTION_REASONS,
  computeDurations,
  parseTimestamp,
} from '@payload-tracker/status-lifecycle';

import { IngesterProcess } from './support/ingester-process';
import { parseLogLines } from './support/log-lines';
import { TestKafka, isoAt, newRequestId } from './support/status-traffic';

jest.setTimeout(180_000);

interface StatusRow {
  service: string;
  source: string | null;
  status: string;
  date: string;
  status_msg: string | null;
}

describe('ingester (real Kafka, real PostgreSQL, child process)', () => {
  let database: TestDatabase;
  let topics: TestTopics;
  let pool: Pool;
  let kafka: TestKafka;
  let sut: IngesterProcess;
  const others: IngesterProcess[] = [];

  beforeAll(async () => {
    installPgTypeParsers();
    [database, topics] = await Promise.all([
      createTestDatabase(),
      createTestTopics({ partitions: 3 }),
    ]);
    pool = new Pool({ connectionString: database.url, max: 2, options: '-c TimeZone=UTC' });
    kafka = new TestKafka(topics.kafka);
    // A message over 1 MiB must reach the ingester (and its dead-letter copy the DLQ).
    const admin = await kafka.admin();
    await admin.alterConfigs({
      validateOnly: false,
      resources: [topics.topic, topics.dlqTopic].map((name) => ({
        type: ConfigResourceTypes.TOPIC,
        name,
        configEntries: [{ name: 'max.message.bytes', value: String(4 * 1024 * 1024) }],
      })),
    });
    // ... whole: dead-letter requests may then be as large as the topics allow.
    sut = await IngesterProcess.start({
      databaseUrl: database.url,
      ...topics,
      env: { KAFKA_DLQ_MAX_REQUEST_BYTES: String(4 * 1024 * 1024) },
    });
    await sut.waitUntilReady();
  });

  afterAll(async () => {
    await Promise.all([sut, ...others].map((process) => process?.kill()));
    await kafka?.close();
    await pool?.end();
    await database?.drop();
  });

  async function statusesOf(requestId: string): Promise<StatusRow[]> {
    const result = await pool.query<StatusRow>(
      `SELECT sv.name AS service, so.name AS source, st.name AS status, ps.date, ps.status_msg
       FROM payload_statuses ps
       JOIN payloads p ON p.id = ps.payload_id
       JOIN services sv ON sv.id = ps.service_id
       LEFT JOIN sources so ON so.id = ps.source_id
       JOIN statuses st ON st.id = ps.status_id
       WHERE p.request_id = $1
       ORDER BY ps.date`,
      [requestId],
    );
    return result.rows;
  }

  async function waitForStatuses(requestId: string, count: number): Promise<StatusRow[]> {
    return waitUntil(`${count} statuses of ${requestId}`, async () => {
      const rows = await statusesOf(requestId);
      if (rows.length !== count) {
        throw new Error(`${rows.length} stored`);
      }
      return rows;
    });
  }

  async function totalStatuses(): Promise<number> {
    const result = await pool.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM payload_statuses',
    );
    return result.rows[0]?.count ?? -1;
  }

  it('stores a full upload lifecycle: fields merged, lookups created, microseconds intact, durations computable', async () => {
    const requestId = newRequestId();
    const base = Date.UTC(2026, 10, 28, 10, 0, 0);
    const service = `puptoo-${requestId.slice(0, 8)}`;
    await kafka.produceStatuses(topics.topic, [
      {
        service: 'ingress',
        request_id: requestId,
        status: 'received',
        date: isoAt(base, 1),
        account: '000123',
      },
      {
        service: ' Ingress ',
        request_id: requestId,
        status: 'SUCCESS',
        date: '2026-11-28 10:00:01.000002',
      },
      {
        service,
        source: 'Insights-Client',
        request_id: requestId,
        status: 'received',
        date: '2026-11-28T12:00:01.5+02:00',
        org_id: 42,
      },
      {
        service,
        source: 'insights-client',
        request_id: requestId,
        status: 'processing',
        date: isoAt(base, 2_000_000),
      },
      {
        service,
        source: 'insights-client',
        request_id: requestId,
        status: 'error',
        date: isoAt(base, 3_250_003),
        status_msg: 'bad tarball',
        inventory_id: 'inv-1',
        system_id: 'sys-1',
        account: '',
      },
      {
        service: 'inventory',
        source: 'insights-client',
        request_id: requestId,
        status: 'received',
        date: isoAt(base, 4_000_000),
      },
      {
        service: 'inventory',
        source: 'insights-client',
        request_id: requestId,
        status: 'success',
        date: isoAt(base, 5_000_005),
      },
    ]);

    const rows = await waitForStatuses(requestId, 7);

    const payload = await pool.query(
      'SELECT account, org_id, inventory_id, system_id, created_at FROM payloads WHERE request_id = $1',
      [requestId],
    );
    expect(payload.rows).toEqual([
      {
        account: '000123',
        org_id: '42',
        inventory_id: 'inv-1',
        system_id: 'sys-1',
        created_at: '2026-11-28 10:00:00.000001+00',
      },
    ]);
    expect(rows.map((row) => [row.service, row.source, row.status, row.date])).toEqual([
      ['ingress', null, 'received', '2026-11-28 10:00:00.000001+00'],
      ['ingress', null, 'success', '2026-11-28 10:00:01.000002+00'],
      [service, 'insights-client', 'received', '2026-11-28 10:00:01.5+00'],
      [service, 'insights-client', 'processing', '2026-11-28 10:00:02+00'],
      [service, 'insights-client', 'error', '2026-11-28 10:00:03.250003+00'],
      ['inventory', 'insights-client', 'received', '2026-11-28 10:00:04+00'],
      ['inventory', 'insights-client', 'success', '2026-11-28 10:00:05.000005+00'],
    ]);
    expect(rows[4]?.status_msg).toBe('bad tarball');
    const lookups = await pool.query<{ count: number }>(
      `SELECT (SELECT count(*) FROM services WHERE name = $1)::int
            + (SELECT count(*) FROM sources WHERE name = 'insights-client')::int
            + (SELECT count(*) FROM statuses WHERE name IN ('received', 'processing', 'success', 'error'))::int AS count`,
      [service],
    );
    expect(lookups.rows[0]?.count).toBe(6);

    const report = computeDurations(
      rows.map((row) => ({
        service: row.service,
        source: row.source,
        status: row.status,
        date: parseTimestamp(row.date) ?? 0n,
      })),
    );
    expect(Object.fromEntries(report.groups)).toEqual({
      'ingress:undefined': 1_000_001n,
      [`${service}:insights-client`]: 1_750_003n,
      'inventory:insights-client': 1_000_005n,
    });
    expect(report.totalTime).toBe(5_000_004n);
    await waitUntil('service metrics', async () => {
      expect(
        await sut.metric('payload_tracker_service_status_total', {
          service,
          status: 'error',
          source: 'insights-client',
        }),
      ).toBe(1);
      expect(
        await sut.metric('payload_tracker_service_duration_seconds_sum', {
          service,
          source: 'insights-client',
        }),
      ).toBeCloseTo(1.750003, 6);
    });
  });

  it('sends one invalid message per reason to the dead-letter topic with its headers, and stores the good message after them', async () => {
    const requestId = newRequestId();
    const good = {
      service: 'ingress',
      request_id: requestId,
      status: 'received',
      date: '2026-11-28T10:00:00Z',
    };
    const invalid: Record<RejectionReason, Buffer | string | null> = {
      invalid_json: '{"service": "ingress",',
      not_an_object: '["ingress"]',
      missing_field: JSON.stringify({ ...good, service: undefined }),
      invalid_field: JSON.stringify({ ...good, status: 7 }),
      invalid_date: JSON.stringify({ ...good, date: '11/28/2026 10:00' }),
      invalid_request_id: JSON.stringify({ ...good, request_id: 'short' }),
      field_too_long: JSON.stringify({ ...good, status_msg: 'x'.repeat(5000) }),
      message_too_large: JSON.stringify({ ...good, padding: 'y'.repeat(1024 * 1024) }),
      invalid_encoding: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]),
      empty_message: null,
    };
    expect(Object.keys(invalid).sort()).toEqual([...REJECTION_REASONS].sort());
    const reasons = Object.keys(invalid) as RejectionReason[];

    const offsets = await kafka.produce(topics.topic, [
      ...reasons.map((reason) => ({
        key: `key-${reason}`,
        value: invalid[reason],
        headers: { 'x-trace': reason },
        partition: 1,
      })),
      { key: requestId, value: JSON.stringify(good), partition: 1 },
    ]);

    await waitForStatuses(requestId, 1);
    const letters = await kafka.read(topics.dlqTopic, reasons.length, 60_000);
    const byReason = new Map(
      letters.map((letter) => [letter.headers?.['x-error-reason']?.toString(), letter]),
    );
    expect([...byReason.keys()].sort()).toEqual([...reasons].sort());
    reasons.forEach((reason, index) => {
      const letter = byReason.get(reason);
      const original = invalid[reason];
      expect(letter?.key?.toString()).toBe(`key-${reason}`);
      expect(letter?.value === null ? null : Buffer.from(letter?.value ?? '')).toEqual(
        original === null ? null : Buffer.from(original),
      );
      expect(letter?.headers?.['x-error-detail']?.toString().length).toBeGreaterThan(0);
      expect(letter?.headers?.['x-original-topic']?.toString()).toBe(topics.topic);
      expect(letter?.headers?.['x-original-partition']?.toString()).toBe('1');
      expect(letter?.headers?.['x-original-offset']?.toString()).toBe(offsets[index]);
      expect(letter?.headers?.['x-trace']?.toString()).toBe(reason);
    });
    for (const reason of reasons) {
      expect(await sut.metric('payload_tracker_invalid_messages_total', { reason })).toBe(1);
    }
    await waitUntil('invalid message log lines', () => {
      const lines = parseLogLines(sut.logs());
      const warned = (reason: RejectionReason): Record<string, unknown> | undefined =>
        lines.find((line) => line['msg'] === 'invalid message' && line['reason'] === reason);
      expect(warned('invalid_date')).toMatchObject({
        key: 'key-invalid_date',
        requestId,
        topic: topics.topic,
        partition: 1,
      });
      expect(warned('invalid_json')).toMatchObject({ key: 'key-invalid_json' });
      expect(warned('invalid_json')).not.toHaveProperty('requestId');
      return Promise.resolve();
    });
  });

  it('stores statuses dated years in the past and days in the future', async () => {
    const requestId = newRequestId();
    const inFiveDays = isoAt(Date.now() + 5 * 86_400_000, 123_456);
    await kafka.produceStatuses(topics.topic, [
      {
        service: 'ingress',
        request_id: requestId,
        status: 'received',
        date: '2019-02-03T04:05:06.654321Z',
      },
      { service: 'ingress', request_id: requestId, status: 'success', date: inFiveDays },
    ]);

    const rows = await waitForStatuses(requestId, 2);

    expect(rows.map((row) => parseTimestamp(row.date))).toEqual([
      parseTimestamp('2019-02-03T04:05:06.654321Z'),
      parseTimestamp(inFiveDays),
    ]);
  });

  it('stores nothing new when the whole topic is replayed to a fresh consumer group', async () => {
    await waitUntil('first group caught up', async () => {
      expect(await kafka.hasGroupCaughtUp(topics.groupId, topics.topic)).toBe(true);
    });
    const before = await totalStatuses();
    const replayGroup = `${topics.groupId}-replay`;

    const replay = await IngesterProcess.start({
      databaseUrl: database.url,
      ...topics,
      groupId: replayGroup,
    });
    others.push(replay);
    await waitUntil('replay group caught up', async () => {
      expect(await kafka.hasGroupCaughtUp(replayGroup, topics.topic)).toBe(true);
    });

    expect(await totalStatuses()).toBe(before);
    expect(await replay.metric('payload_tracker_stored_statuses_total')).toBe(0);
    expect(await replay.metric('payload_tracker_duplicate_messages_total')).toBe(before);
  });

  it('exits 0 on SIGTERM, leaving its offsets committed', async () => {
    const requestId = newRequestId();
    await kafka.produceStatuses(topics.topic, [
      {
        service: 'ingress',
        request_id: requestId,
        status: 'received',
        date: '2026-11-28T10:00:00Z',
      },
    ]);
    await waitForStatuses(requestId, 1);

    const exit = await sut.stop();

    expect(exit).toEqual({ code: 0, signal: null });
    await waitUntil('offsets committed', async () => {
      expect(await kafka.hasGroupCaughtUp(topics.groupId, topics.topic)).toBe(true);
    });
  });
});
