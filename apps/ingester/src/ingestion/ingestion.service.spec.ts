import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Batch, EachBatchPayload, KafkaMessage } from 'kafkajs';

import type {
  GroupStartRepository,
  StatusBatchWriteResult,
  StatusBatchWriter,
} from '@payload-tracker/entities';
import type { StatusMessage } from '@payload-tracker/status-lifecycle';

import type { EnvironmentVariables } from '../config/environment-variables';
import { loadEnvironment } from '../config/environment-variables';
import type { DeadLetter, DeadLetterPublisher } from '../dead-letter/dead-letter.publisher';
import { IngesterMetricsService } from '../metrics/ingester-metrics.service';
import { IngestionService } from './ingestion.service';
import { StoredStatusRecorder } from './stored-status.recorder';

const REQUEST_ID = '0123456789abcdef0123456789abcdef';

function kafkaMessage(offset: number, value: string): KafkaMessage {
  return {
    key: Buffer.from(REQUEST_ID),
    value: Buffer.from(value),
    offset: String(offset),
    timestamp: '0',
    attributes: 0,
    headers: { 'x-trace': 'abc' },
  };
}

function statusJson(status: string, second: number): string {
  return JSON.stringify({
    service: 'ingress',
    request_id: REQUEST_ID,
    status,
    date: `2026-11-28T10:00:0${second}.000001Z`,
  });
}

/** Records what the service does with the batch, in order. */
class FakeBatchPayload implements EachBatchPayload {
  readonly events: string[] = [];
  running = true;
  readonly batch: Batch;

  constructor(
    messages: KafkaMessage[],
    private readonly commitFailures: Error[] = [],
  ) {
    this.batch = {
      topic: 'statuses',
      partition: 2,
      highWatermark: String(Number(messages[messages.length - 1]?.offset ?? 0) + 5),
      messages,
      isEmpty: () => messages.length === 0,
      firstOffset: () => messages[0]?.offset ?? null,
      lastOffset: () => messages[messages.length - 1]?.offset ?? '-1',
      offsetLag: () => '0',
      offsetLagLow: () => '0',
    };
  }

  resolveOffset(offset: string): void {
    this.events.push(`resolve ${offset}`);
  }

  heartbeat(): Promise<void> {
    return Promise.resolve();
  }

  pause(): () => void {
    this.events.push('pause');
    return () => this.events.push('resume');
  }

  commitOffsetsIfNecessary(
    offsets?: Parameters<EachBatchPayload['commitOffsetsIfNecessary']>[0],
  ): Promise<void> {
    const failure = this.commitFailures.shift();
    if (failure !== undefined) {
      return Promise.reject(failure);
    }
    const partition = offsets?.topics[0]?.partitions[0];
    this.events.push(`commit ${partition?.partition}@${partition?.offset}`);
    return Promise.resolve();
  }

  uncommittedOffsets(): ReturnType<EachBatchPayload['uncommittedOffsets']> {
    return { topics: [] };
  }

  isRunning(): boolean {
    return this.running;
  }

  isStale(): boolean {
    return false;
  }
}

class FakeWriter {
  readonly written: StatusMessage[][] = [];
  failuresLeft = 0;
  onFailure: () => void = () => undefined;

  constructor(private readonly events: string[]) {}

  write(messages: readonly StatusMessage[]): Promise<StatusBatchWriteResult> {
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      this.onFailure();
      return Promise.reject(new Error('connect ECONNREFUSED'));
    }
    this.events.push(`write ${messages.length}`);
    this.written.push([...messages]);
    return Promise.resolve({
      stored: messages.length,
      duplicates: 0,
      storedMessages: [...messages],
      earlierPayloadIds: new Map(),
    });
  }
}

class FakeDeadLetters {
  readonly published: DeadLetter[] = [];

  constructor(private readonly events: string[]) {}

  publish(letters: readonly DeadLetter[]): Promise<void> {
    if (letters.length > 0) {
      this.events.push(`dead-letter ${letters.length}`);
      this.published.push(...letters);
    }
    return Promise.resolve();
  }
}

function createSut(payload: FakeBatchPayload): {
  sut: IngestionService;
  writer: FakeWriter;
  deadLetters: FakeDeadLetters;
  metrics: IngesterMetricsService;
} {
  const config = new ConfigService<EnvironmentVariables, true>(
    loadEnvironment({
      DATABASE_URL: 'postgres://u@db/pt',
      RETRY_MAX_BACKOFF_MS: '10',
      LOG_LEVEL: 'silent',
    }),
  );
  const writer = new FakeWriter(payload.events);
  const deadLetters = new FakeDeadLetters(payload.events);
  const metrics = new IngesterMetricsService(config);
  const groupStarts = { earliestDates: () => Promise.resolve(new Map()) };
  const sut = new IngestionService(
    writer as unknown as StatusBatchWriter,
    deadLetters as unknown as DeadLetterPublisher,
    metrics,
    new StoredStatusRecorder(metrics, groupStarts as unknown as GroupStartRepository),
    config,
  );
  return { sut, writer, deadLetters, metrics };
}

async function metricValue(metrics: IngesterMetricsService, name: string): Promise<number> {
  const metric = await metrics.registry.getSingleMetric(name)?.get();
  return metric?.values.reduce((sum, value) => sum + value.value, 0) ?? Number.NaN;
}

describe('IngestionService', () => {
  beforeAll(() => {
    // Retries log warnings by design; they are noise here.
    Logger.overrideLogger(false);
  });

  it('writes the valid messages, dead-letters the invalid ones, then commits the offset after the batch', async () => {
    const payload = new FakeBatchPayload([
      kafkaMessage(10, statusJson('received', 1)),
      kafkaMessage(11, '{not json'),
      kafkaMessage(12, statusJson('success', 2)),
    ]);
    const { sut, writer, deadLetters, metrics } = createSut(payload);

    await sut.handleBatch(payload);

    expect(payload.events).toEqual(['write 2', 'dead-letter 1', 'commit 2@13', 'resolve 12']);
    expect(writer.written[0]?.map((m) => m.status)).toEqual(['received', 'success']);
    expect(deadLetters.published).toEqual([
      expect.objectContaining({
        topic: 'statuses',
        partition: 2,
        offset: '11',
        reason: 'invalid_json',
        value: Buffer.from('{not json'),
        key: Buffer.from(REQUEST_ID),
        headers: { 'x-trace': 'abc' },
      }),
    ]);
    expect(await metricValue(metrics, 'payload_tracker_consumed_messages_total')).toBe(3);
    expect(await metricValue(metrics, 'payload_tracker_invalid_messages_total')).toBe(1);
    expect(await metricValue(metrics, 'payload_tracker_consumer_lag')).toBe(4);
  });

  it('commits a batch of only invalid messages without writing', async () => {
    const payload = new FakeBatchPayload([kafkaMessage(0, '[]')]);
    const { sut } = createSut(payload);

    await sut.handleBatch(payload);

    expect(payload.events).toEqual(['dead-letter 1', 'commit 2@1', 'resolve 0']);
  });

  it('pauses the partition and retries a failed write until it succeeds, then resumes and commits', async () => {
    const payload = new FakeBatchPayload([kafkaMessage(5, statusJson('received', 1))]);
    const { sut, writer, metrics } = createSut(payload);
    writer.failuresLeft = 3;

    await sut.handleBatch(payload);

    expect(payload.events).toEqual(['pause', 'write 1', 'resume', 'commit 2@6', 'resolve 5']);
    expect(await metricValue(metrics, 'payload_tracker_db_errors_total')).toBe(3);
  });

  it('abandons the batch uncommitted when shutdown starts during the retries', async () => {
    const payload = new FakeBatchPayload([kafkaMessage(5, statusJson('received', 1))]);
    const { sut, writer } = createSut(payload);
    writer.failuresLeft = 100;
    writer.onFailure = () => {
      payload.running = false;
    };

    await sut.handleBatch(payload);

    expect(payload.events).toEqual(['pause', 'resume']);
  });

  it('retries a failed commit, and gives the batch up unresolved when the partition was lost', async () => {
    const transient = new FakeBatchPayload(
      [kafkaMessage(7, statusJson('received', 1))],
      [new Error('broker hiccup')],
    );
    await createSut(transient).sut.handleBatch(transient);
    const rebalanced = new FakeBatchPayload(
      [kafkaMessage(7, statusJson('received', 1))],
      [Object.assign(new Error('rebalancing'), { type: 'REBALANCE_IN_PROGRESS' })],
    );
    await createSut(rebalanced).sut.handleBatch(rebalanced);

    expect(transient.events).toEqual(['write 1', 'pause', 'commit 2@8', 'resume', 'resolve 7']);
    expect(rebalanced.events).toEqual(['write 1']);
  });
});
