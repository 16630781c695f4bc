import { Logger } from '@nestjs/common';
import type {
  Consumer,
  ConsumerRunConfig,
  EachBatchPayload,
} from '@nestjs/microservices/external/kafka.interface';
import { throwError } from 'rxjs';

import { BatchKafkaServer } from './batch-kafka.server';
import { ConsumerMembershipService } from './consumer-membership.service';
import { KafkaBatchContext } from './kafka-batch.context';

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

function batchPayload(topic: string, partition: number): EachBatchPayload {
  return { batch: { topic, partition, messages: [] } } as unknown as EachBatchPayload;
}

function createSut(): { sut: BatchKafkaServer; consumer: FakeConsumer } {
  const sut = new BatchKafkaServer({
    kafka: { client: { brokers: ['127.0.0.1:1'] }, consumer: { groupId: 'payload-tracker' } },
    topics: { 'payload-status': 'platform.payload-status' },
    membership: new ConsumerMembershipService(),
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

  it('hands the whole batch and its topic and partition to the handler', async () => {
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
    const payload = batchPayload('platform.payload-status', 4);

    await consumer.runConfig?.eachBatch?.(payload);

    expect(calls).toHaveLength(1);
    expect(calls[0]?.[0]).toBe(payload);
    expect(calls[0]?.[1]).toBeInstanceOf(KafkaBatchContext);
    expect([calls[0]?.[1].getTopic(), calls[0]?.[1].getPartition()]).toEqual([
      'platform.payload-status',
      4,
    ]);
  });

  it('fails the batch (so kafkajs does not move on) when the handler fails through an observable', async () => {
    const { sut, consumer } = createSut();
    sut.addHandler(
      'payload-status',
      () => Promise.resolve(throwError(() => new Error('write failed'))),
      true,
    );
    await sut.bindEvents(consumer as unknown as Consumer);

    await expect(
      consumer.runConfig?.eachBatch?.(batchPayload('platform.payload-status', 0)),
    ).rejects.toThrow('write failed');
  });

  it('refuses to start without a handler', async () => {
    const { sut, consumer } = createSut();

    await expect(sut.bindEvents(consumer as unknown as Consumer)).rejects.toThrow(
      /no @EventPattern handler/,
    );
  });
});
