import { createHash } from 'node:crypto';

import { ConfigResourceTypes } from 'kafkajs';
import { Pool } from 'pg';

import type { TestDatabase, TestTopics } from '@payload-tracker/local-stack';
import { createTestDatabase, createTestTopics, waitUntil } from '@payload-tracker/local-stack';

import { IngesterProcess } from './support/ingester-process';
import type { TestRecord } from './support/status-traffic';
import { TestKafka, newRequestId } from './support/status-traffic';
import { countStoredStatuses } from './support/stored-statuses';

jest.setTimeout(420_000);

/** The broker's default `message.max.bytes` (1 MiB + 12), which the test broker keeps. */
const BROKER_DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;

/** The 503 body terminus writes: which checks failed, and what they said. */
interface ReadinessFailure {
  error?: { partitions?: { message?: string; stalled?: { topic: string; partition: number }[] } };
}

function header(
  headers: Record<string, Buffer | string | (Buffer | string)[] | undefined> | undefined,
  name: string,
): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first?.toString();
}

async function setMaxMessageBytes(kafka: TestKafka, topic: string, bytes: number) {
  const admin = await kafka.admin();
  await admin.alterConfigs({
    validateOnly: false,
    resources: [
      {
        type: ConfigResourceTypes.TOPIC,
        name: topic,
        configEntries: [{ name: 'max.message.bytes', value: String(bytes) }],
      },
    ],
  });
}

function validStatus(requestId: string, second: number): string {
  return JSON.stringify({
    service: 'ingress',
    request_id: requestId,
    status: 'received',
    date: `2026-11-28T10:00:${String(second).padStart(2, '0')}Z`,
  });
}

describe('ingester dead-letter publishes within the broker limits (real Kafka, real PostgreSQL)', () => {
  let database: TestDatabase;
  let pool: Pool;
  let kafka: TestKafka;
  const processes: IngesterProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new Pool({ connectionString: database.url, max: 2 });
  });

  afterAll(async () => {
    await Promise.all(processes.map((process) => process.kill()));
    await kafka?.close();
    await pool?.end();
    await database?.drop();
  });

  async function freshTopics(): Promise<TestTopics> {
    const topics = await createTestTopics({ partitions: 1 });
    kafka ??= new TestKafka(topics.kafka);
    return topics;
  }

  async function start(topics: TestTopics, env: Record<string, string> = {}) {
    const sut = await IngesterProcess.start({ databaseUrl: database.url, ...topics, env });
    processes.push(sut);
    await sut.waitUntilReady();
    return sut;
  }

  const storedRequestIds = (requestIds: readonly string[]): Promise<number> =>
    countStoredStatuses(pool, requestIds);

  async function waitForStored(requestIds: readonly string[], timeoutMs = 180_000) {
    await waitUntil(
      `${requestIds.length} valid statuses stored`,
      async () => {
        const stored = await storedRequestIds(requestIds);
        if (stored !== requestIds.length) {
          throw new Error(`${stored} stored`);
        }
      },
      { timeoutMs },
    );
  }

  it('dead-letters a burst of 8,000 invalid messages on one key (1.5 MB) and stores the 15 valid ones behind it', async () => {
    const topics = await freshTopics();
    const sut = await start(topics);
    const key = `burst-${newRequestId()}`;
    const invalid: TestRecord[] = Array.from({ length: 8000 }, (_, index) => ({
      key,
      value: JSON.stringify({
        service: 'ingress',
        request_id: newRequestId(),
        status: 'received',
        date: '28/11/2026 10:00',
        note: `invalid date number ${String(index).padStart(5, '0')} ${'x'.repeat(40)}`,
      }),
      partition: 0,
    }));
    const total = invalid.reduce((sum, record) => sum + String(record.value).length, 0);
    expect(total).toBeGreaterThan(1_400_000);
    const validIds = Array.from({ length: 15 }, () => newRequestId());

    await kafka.produceBulk(topics.topic, [
      ...invalid,
      ...validIds.map((requestId, second) => ({
        key,
        value: validStatus(requestId, second),
        partition: 0,
      })),
    ]);

    await waitForStored(validIds);
    const letters = await kafka.read(topics.dlqTopic, 8000);
    expect(letters).toHaveLength(8000);
    expect(new Set(letters.map((letter) => header(letter.headers, 'x-error-reason')))).toEqual(
      new Set(['invalid_date']),
    );
    // In order, each once, every one whole (no stand-in needed: each fits on its own).
    expect(letters.map((letter) => Number(header(letter.headers, 'x-original-offset')))).toEqual(
      Array.from({ length: 8000 }, (_, index) => index),
    );
    expect(letters.map((letter) => letter.value?.toString())).toEqual(
      invalid.map((record) => record.value),
    );
    expect(letters.every((letter) => letter.key?.toString() === key)).toBe(true);
    await waitUntil('lag drained', async () => {
      expect(await kafka.hasGroupCaughtUp(topics.groupId, topics.topic)).toBe(true);
      expect(await sut.metric('payload_tracker_consumer_lag', { partition: '0' })).toBe(0);
    });
    expect(await sut.metric('payload_tracker_invalid_messages_total')).toBe(8000);
    expect((await sut.readiness()).status).toBe(200);
  });

  it('dead-letters a stand-in with the digest headers when the copy does not fit the DLQ topic, then stores the next message', async () => {
    const topics = await freshTopics();
    await setMaxMessageBytes(kafka, topics.dlqTopic, 4096);
    await start(topics);
    const requestId = newRequestId();
    const original = Buffer.from(
      `{"service": "ingress", "request_id": "${requestId}", "padding": "${'z'.repeat(10_000)}`,
    );
    const next = newRequestId();

    await kafka.produce(topics.topic, [
      { key: 'big-key', value: original, headers: { 'x-trace': 'big' }, partition: 0 },
      { key: next, value: validStatus(next, 1), partition: 0 },
    ]);

    await waitForStored([next]);
    const [letter] = await kafka.read(topics.dlqTopic, 1);
    expect(letter?.key?.toString()).toBe('big-key');
    const headers = letter?.headers;
    expect(header(headers, 'x-trace')).toBe('big');
    expect(header(headers, 'x-error-reason')).toBe('invalid_json');
    expect(header(headers, 'x-error-detail')?.length).toBeGreaterThan(0);
    expect(header(headers, 'x-original-topic')).toBe(topics.topic);
    expect(header(headers, 'x-original-partition')).toBe('0');
    expect(header(headers, 'x-original-offset')).toBe('0');
    expect(header(headers, 'x-value-truncated')).toBe('true');
    expect(header(headers, 'x-original-value-bytes')).toBe(String(original.length));
    expect(header(headers, 'x-original-value-sha256')).toBe(
      createHash('sha256').update(original).digest('hex'),
    );
    const value = letter?.value ?? Buffer.alloc(0);
    expect(value.length).toBeGreaterThan(0);
    expect(value.length).toBeLessThan(4096);
    expect(original.subarray(0, value.length).equals(value)).toBe(true);
  });

  it('dead-letters a 1.2 MB message refused as too large as a stand-in under the broker default limit, then stores the next message', async () => {
    const topics = await freshTopics();
    // The status topic takes it; the DLQ topic keeps the broker's default limit (1 MiB + 12).
    await setMaxMessageBytes(kafka, topics.topic, 2 * 1024 * 1024);
    const sut = await start(topics);
    const requestId = newRequestId();
    const original = Buffer.from(
      JSON.stringify({
        service: 'ingress',
        request_id: requestId,
        status: 'received',
        date: '2026-11-28T10:00:00Z',
        padding: 'p'.repeat(1_200_000),
      }),
    );
    const next = newRequestId();

    await kafka.produce(topics.topic, [
      { key: requestId, value: original, partition: 0 },
      { key: next, value: validStatus(next, 3), partition: 0 },
    ]);

    await waitForStored([next]);
    const [letter] = await kafka.read(topics.dlqTopic, 1);
    expect(header(letter?.headers, 'x-error-reason')).toBe('message_too_large');
    expect(header(letter?.headers, 'x-value-truncated')).toBe('true');
    expect(header(letter?.headers, 'x-original-value-bytes')).toBe(String(original.length));
    expect(header(letter?.headers, 'x-original-value-sha256')).toBe(
      createHash('sha256').update(original).digest('hex'),
    );
    expect(letter?.value?.toString()).toContain(requestId);
    // Sized before sending: the broker never had to refuse it.
    expect(sut.logs()).toContain('larger than KAFKA_DLQ_MAX_REQUEST_BYTES');
    expect(sut.logs()).not.toContain('refused by the broker as too large');
  });

  it('turns readiness false and raises the stalled-partitions gauge while the DLQ refuses everything, and recovers when it is fixed', async () => {
    const topics = await freshTopics();
    // Smaller than a record batch's own header: no record, stand-in or not, fits.
    await setMaxMessageBytes(kafka, topics.dlqTopic, 64);
    const sut = await start(topics, { PARTITION_STALL_THRESHOLD_MS: '3000' });
    const next = newRequestId();

    await kafka.produce(topics.topic, [
      { key: 'refused', value: '{"service": "ingress",', partition: 0 },
      { key: next, value: validStatus(next, 2), partition: 0 },
    ]);

    const failure = await waitUntil(
      'readiness 503 naming the partition',
      async () => {
        const response = await fetch(sut.url('/health/ready'));
        if (response.status !== 503) {
          throw new Error(`ready answered ${response.status}`);
        }
        return (await response.json()) as ReadinessFailure;
      },
      { timeoutMs: 120_000 },
    );
    expect(failure.error?.partitions?.stalled).toEqual([
      expect.objectContaining({ topic: topics.topic, partition: 0 }),
    ]);
    expect(failure.error?.partitions?.message).toContain(`${topics.topic}/0`);
    expect(await sut.metric('payload_tracker_stalled_partitions')).toBe(1);
    expect(await storedRequestIds([next])).toBe(0);

    await setMaxMessageBytes(kafka, topics.dlqTopic, BROKER_DEFAULT_MAX_MESSAGE_BYTES);

    await waitForStored([next]);
    await sut.waitUntilReady();
    expect(await sut.metric('payload_tracker_stalled_partitions')).toBe(0);
    const [letter] = await kafka.read(topics.dlqTopic, 1);
    expect(letter?.value?.toString()).toBe('{"service": "ingress",');
    expect(header(letter?.headers, 'x-error-reason')).toBe('invalid_json');
  });
});
