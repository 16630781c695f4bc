import type { LoggerService } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import type { StatusBatchWriteResult, StatusBatchWriter } from '@payload-tracker/entities';
import type { StatusMessage } from '@payload-tracker/status-lifecycle';

import { validateEnvironmentVariables } from '@payload-tracker/platform';

import { EnvironmentVariables } from '../config/environment-variables';
import type { DeadLetter, DeadLetterPublisher } from '../dead-letter/dead-letter.publisher';
import type { BatchRecord, PartitionBatch } from '../kafka/partition-batch';
import { IngesterMetricsService } from '../metrics/ingester-metrics.service';
import { IngestionService } from './ingestion.service';
import { StoredStatusRecorder } from './stored-status.recorder';

const REQUEST_ID = '0123456789abcdef0123456789abcdef';

function record(
  offset: number,
  value: string | null,
  key: string | null = REQUEST_ID,
): BatchRecord {
  return {
    offset: String(offset),
    key: key === null ? null : Buffer.from(key),
    value: value === null ? null : Buffer.from(value),
    headers: { 'x-trace': 'abc' },
  };
}

function batchOf(...records: BatchRecord[]): PartitionBatch {
  return { topic: 'statuses', partition: 2, records };
}

function statusJson(status: string, second: number, source?: string): string {
  return JSON.stringify({
    service: 'ingress',
    request_id: REQUEST_ID,
    status,
    date: `2026-11-28T10:00:0${second}.000001Z`,
    source,
  });
}

/** Stores whatever it is given (or fails while `failuresLeft` > 0); duplicates are configurable. */
class FakeWriter implements Pick<StatusBatchWriter, 'write'> {
  readonly written: StatusMessage[][] = [];
  failuresLeft = 0;
  duplicates = 0;

  write(messages: readonly StatusMessage[]): Promise<StatusBatchWriteResult> {
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      return Promise.reject(new Error('connect ECONNREFUSED'));
    }
    this.written.push([...messages]);
    const stored = messages.slice(this.duplicates);
    return Promise.resolve({
      stored: stored.length,
      duplicates: messages.length - stored.length,
      storedMessages: stored,
      earlierPayloadIds: new Map(),
    });
  }
}

class FakeDeadLetters implements Pick<DeadLetterPublisher, 'publish'> {
  readonly published: DeadLetter[][] = [];
  failuresLeft = 0;

  publish(letters: readonly DeadLetter[]): Promise<void> {
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      return Promise.reject(new Error('broker unreachable'));
    }
    this.published.push([...letters]);
    return Promise.resolve();
  }
}

/** Keeps the warnings so a test can read their fields. */
class RecordingLogger implements LoggerService {
  readonly warnings: Record<string, unknown>[] = [];

  log(): void {
    return undefined;
  }

  error(): void {
    return undefined;
  }

  warn(message: unknown): void {
    if (typeof message === 'object' && message !== null) {
      this.warnings.push({ ...message });
    }
  }
}

function createSut(): {
  sut: IngestionService;
  writer: FakeWriter;
  deadLetters: FakeDeadLetters;
  metrics: IngesterMetricsService;
} {
  const config = new ConfigService<EnvironmentVariables, true>(
    validateEnvironmentVariables(EnvironmentVariables, {
      DATABASE_URL: 'postgres://u@db/pt',
      LOG_LEVEL: 'silent',
    }),
  );
  const writer = new FakeWriter();
  const deadLetters = new FakeDeadLetters();
  const metrics = new IngesterMetricsService(config);
  const groupStarts = { earliestDates: () => Promise.resolve(new Map<string, bigint>()) };
  const sut = new IngestionService(
    writer,
    deadLetters,
    metrics,
    new StoredStatusRecorder(metrics, groupStarts),
    config,
  );
  return { sut, writer, deadLetters, metrics };
}

/** Sum of a metric's samples whose labels include `labels` (`name_count` for a histogram's count). */
async function metricValue(
  metrics: IngesterMetricsService,
  name: string,
  labels: Readonly<Record<string, string>> = {},
): Promise<number> {
  const metric = await metrics.registry.getSingleMetric(name.replace(/_count$/, ''))?.get();
  return (
    metric?.values
      .filter((value) => ('metricName' in value ? value.metricName : name) === name)
      .filter((value) =>
        Object.entries(labels).every(([key, label]) => value.labels[key] === label),
      )
      .reduce((sum, value) => sum + value.value, 0) ?? Number.NaN
  );
}

describe('IngestionService', () => {
  let logger: RecordingLogger;

  beforeEach(() => {
    logger = new RecordingLogger();
    Logger.overrideLogger(logger);
  });

  afterAll(() => {
    Logger.overrideLogger(false);
  });

  it('splits a batch into the statuses to store and the refused records with where they came from and why', async () => {
    const { sut, metrics } = createSut();

    const parsed = sut.parse(
      batchOf(
        record(10, statusJson('received', 1)),
        record(11, '{not json'),
        record(12, statusJson('success', 2)),
        record(13, null),
      ),
    );

    expect(parsed.accepted.map((message) => [message.requestId, message.status])).toEqual([
      [REQUEST_ID, 'received'],
      [REQUEST_ID, 'success'],
    ]);
    expect(parsed.refused).toEqual([
      {
        topic: 'statuses',
        partition: 2,
        offset: '11',
        key: Buffer.from(REQUEST_ID),
        value: Buffer.from('{not json'),
        headers: { 'x-trace': 'abc' },
        reason: 'invalid_json',
        detail: expect.any(String) as unknown,
      },
      expect.objectContaining({ offset: '13', value: null, reason: 'empty_message' }),
    ]);
    expect(await metricValue(metrics, 'payload_tracker_consumed_messages_total')).toBe(4);
    expect(await metricValue(metrics, 'payload_tracker_batch_size_count')).toBe(1);
    expect(
      await metricValue(metrics, 'payload_tracker_invalid_messages_total', {
        reason: 'invalid_json',
      }),
    ).toBe(1);
    expect(
      await metricValue(metrics, 'payload_tracker_invalid_messages_total', {
        reason: 'empty_message',
      }),
    ).toBe(1);
  });

  it('logs each refused record with its key and request id when they can be read, and without them otherwise', () => {
    const { sut } = createSut();
    const truncated = `{"service": "ingress", "request_id": "${REQUEST_ID}", "status": "rec`;

    sut.parse(
      batchOf(
        record(20, truncated, 'key-20'),
        record(21, JSON.stringify({ request_id: 'short', status: 'received' }), 'k'.repeat(300)),
        record(22, '[]', null),
      ),
    );

    expect(logger.warnings).toEqual([
      {
        msg: 'invalid message',
        topic: 'statuses',
        partition: 2,
        offset: '20',
        reason: 'invalid_json',
        key: 'key-20',
        requestId: REQUEST_ID,
      },
      {
        msg: 'invalid message',
        topic: 'statuses',
        partition: 2,
        offset: '21',
        reason: 'missing_field',
        key: 'k'.repeat(255),
        requestId: 'short',
      },
      {
        msg: 'invalid message',
        topic: 'statuses',
        partition: 2,
        offset: '22',
        reason: 'not_an_object',
      },
    ]);
  });

  it('stores the statuses in one write and counts what was stored and what was a duplicate', async () => {
    const { sut, writer, metrics } = createSut();
    const { accepted } = sut.parse(
      batchOf(
        record(1, statusJson('received', 1, 'inventory')),
        record(2, statusJson('success', 2, 'inventory')),
        record(3, statusJson('success', 3)),
      ),
    );
    writer.duplicates = 1;

    await sut.store(accepted);

    expect(writer.written).toEqual([accepted]);
    expect(await metricValue(metrics, 'payload_tracker_stored_statuses_total')).toBe(2);
    expect(await metricValue(metrics, 'payload_tracker_duplicate_messages_total')).toBe(1);
    expect(
      await metricValue(metrics, 'payload_tracker_service_status_total', { source: 'inventory' }),
    ).toBe(1);
    expect(
      await metricValue(metrics, 'payload_tracker_service_status_total', { source: 'undefined' }),
    ).toBe(1);
    expect(await metricValue(metrics, 'payload_tracker_batch_write_seconds_count')).toBe(1);
  });

  it('counts a failed write as a database error and throws it, counting the statuses once when a retry succeeds', async () => {
    const { sut, writer, metrics } = createSut();
    const { accepted } = sut.parse(batchOf(record(1, statusJson('received', 1))));
    writer.failuresLeft = 1;

    await expect(sut.store(accepted)).rejects.toThrow('ECONNREFUSED');
    const storedAfterFailure = await metricValue(metrics, 'payload_tracker_stored_statuses_total');
    await sut.store(accepted);

    expect(storedAfterFailure).toBe(0);
    expect(await metricValue(metrics, 'payload_tracker_db_errors_total')).toBe(1);
    expect(await metricValue(metrics, 'payload_tracker_stored_statuses_total')).toBe(1);
  });

  it('publishes the refused records, and counts a failed publish as a consume error and throws it', async () => {
    const { sut, deadLetters, metrics } = createSut();
    const { refused } = sut.parse(batchOf(record(1, '{'), record(2, '7')));
    deadLetters.failuresLeft = 1;

    await expect(sut.deadLetter(refused)).rejects.toThrow('broker unreachable');
    await sut.deadLetter(refused);

    expect(deadLetters.published).toEqual([refused]);
    expect(await metricValue(metrics, 'payload_tracker_consume_errors_total')).toBe(1);
  });

  it('neither writes nor publishes when there is nothing to store or refuse', async () => {
    const { sut, writer, deadLetters } = createSut();

    await sut.store([]);
    await sut.deadLetter([]);

    expect([writer.written, deadLetters.published]).toEqual([[], []]);
  });
});
