import { Logger } from '@nestjs/common';
import type {
  Consumer,
  ConsumerRunConfig,
  EachBatchPayload,
} from '@nestjs/microservices/external/kafka.interface';
import { of, throwError } from 'rxjs';

import { BatchKafkaServer } from './batch-kafka.server';
import { ConsumerMembershipService } from './consumer-membership.service';
import { KafkaBatchContext } from './kafka-batch.context';
import type { BatchStep } from './partition-batch';
import { PartitionBatchRunner } from './partition-batch.runner';

/** Records what the server asks of the consumer. */
class FakeConsumer {
  subscribedTopics: string[] = [];
  runConfig: ConsumerRunConfig | undefined;

  subscribe({ topics }: { topics: string[] }): Promise<void> {
    this.subscribedTopics = topics;
    return Promise.resolve();
  }

  run(config: ConsumerRunConfig): Promise<void> {
    this.runConfig = config;
    return Promise.resolve();
  }
}

/** The kafkajs batch payload, reduced to what the runner touches; commits are recorded. */
function batchPayload(topic: string, partition: number, commits: string[] = []): EachBatchPayload {
  const payload = {
    batch: {
      topic,
      partition,
      highWatermark: '8',
      messages: [{ offset: '6', key: null, value: Buffer.from('{}'), headers: {} }],
    },
    resolveOffset: () => undefined,
    heartbeat: () => Promise.resolve(),
    pause: () => () => undefined,
    commitOffsetsIfNecessary: (offsets?: { topics: { partitions: { offset: string }[] }[] }) => {
      commits.push(offsets?.topics[0]?.partitions[0]?.offset ?? '?');
      return Promise.resolve();
    },
    isRunning: () => true,
    isStale: () => false,
  };
  return payload as unknown as EachBatchPayload;
}

function createSut(): { sut: BatchKafkaServer; consumer: FakeConsumer } {
  const sut = new BatchKafkaServer({
    kafka: { client: { brokers: ['127.0.0.1:1'] }, consumer: { groupId: 'payload-tracker' } },
    topics: { 'payload-status': 'platform.payload-status' },
    membership: new ConsumerMembershipService(),
    runner: () =>
      new PartitionBatchRunner({
        maxBackoffMs: 10,
        listener: {
          committed: () => undefined,
          commitFailed: () => undefined,
          retrying: () => undefined,
          abandoned: () => undefined,
        },
      }),
  });
  return { sut, consumer: new FakeConsumer() };
}

describe('BatchKafkaServer', () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  it('subscribes the topic mapped to each pattern and runs eachBatch without auto-resolve or auto-commit', async () => {
    const { sut, consumer } = createSut();
    sut.addHandler('payload-status', () => Promise.resolve(), true);

    await sut.bindEvents(consumer as unknown as Consumer);

    expect(consumer.subscribedTopics).toEqual(['platform.payload-status']);
    expect(consumer.runConfig).toMatchObject({ autoCommit: false, eachBatchAutoResolve: false });
    expect(consumer.runConfig?.eachMessage).toBeUndefined();
  });

  it('hands the handler the batch without Kafka, and its topic and partition as context, then commits', async () => {
    const { sut, consumer } = createSut();
    const calls: [unknown, KafkaBatchContext][] = [];
    sut.addHandler(
      'payload-status',
      (data: unknown, context?: KafkaBatchContext) => {
        if (context !== undefined) {
          calls.push([data, context]);
        }
        return Promise.resolve();
      },
      true,
    );
    await sut.bindEvents(consumer as unknown as Consumer);
    const commits: string[] = [];

    await consumer.runConfig?.eachBatch?.(batchPayload('platform.payload-status', 4, commits));

    expect(calls).toHaveLength(1);
    expect(calls[0]?.[0]).toEqual({
      topic: 'platform.payload-status',
      partition: 4,
      records: [{ offset: '6', key: null, value: Buffer.from('{}'), headers: {} }],
    });
    expect(calls[0]?.[1]).toBeInstanceOf(KafkaBatchContext);
    expect([calls[0]?.[1].getTopic(), calls[0]?.[1].getPartition()]).toEqual([
      'platform.payload-status',
      4,
    ]);
    expect(commits).toEqual(['7']);
  });

  it('runs the steps a handler resolves with before committing', async () => {
    const { sut, consumer } = createSut();
    const events: string[] = [];
    const steps: BatchStep[] = ['write', 'dead-letter'].map((name) => ({
      name,
      run: () => {
        events.push(name);
        return Promise.resolve();
      },
    }));
    sut.addHandler('payload-status', () => Promise.resolve(steps), true);
    await sut.bindEvents(consumer as unknown as Consumer);
    const commits: string[] = [];

    await consumer.runConfig?.eachBatch?.(batchPayload('platform.payload-status', 0, commits));

    expect([events, commits]).toEqual([['write', 'dead-letter'], ['7']]);
  });

  it('retries the handler, instead of committing, when it fails through an observable', async () => {
    const { sut, consumer } = createSut();
    let calls = 0;
    sut.addHandler(
      'payload-status',
      () => {
        calls += 1;
        return Promise.resolve(
          calls === 1 ? throwError(() => new Error('write failed')) : of(undefined),
        );
      },
      true,
    );
    await sut.bindEvents(consumer as unknown as Consumer);
    const commits: string[] = [];

    await consumer.runConfig?.eachBatch?.(batchPayload('platform.payload-status', 0, commits));

    expect([calls, commits]).toEqual([2, ['7']]);
  });

  it('refuses to start without a handler', async () => {
    const { sut, consumer } = createSut();

    await expect(sut.bindEvents(consumer as unknown as Consumer)).rejects.toThrow(
      /no @EventPattern handler/,
    );
  });
});
