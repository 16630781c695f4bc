import { randomUUID } from 'node:crypto';

import type { Admin, IHeaders, KafkaMessage, Producer } from 'kafkajs';
import { Kafka, Partitioners, logLevel } from 'kafkajs';

import { kafkaClientConfig, waitUntil } from '@payload-tracker/local-stack';
import type { KafkaConnection } from '@payload-tracker/local-stack';

/** A raw Kafka record as a test produces it. */
export interface TestRecord {
  key: string | null;
  value: Buffer | string | null;
  headers?: IHeaders;
  partition?: number;
}

/** A request id the way the platform's producers write them (hex uuid4). */
export function newRequestId(): string {
  return randomUUID().replaceAll('-', '');
}

/** ISO text of `base` plus `offsetMicros`, with all six fractional digits. */
export function isoAt(baseMs: number, offsetMicros: number): string {
  const totalMicros = BigInt(baseMs) * 1000n + BigInt(offsetMicros);
  const ms = Number(totalMicros / 1000n);
  const micros = (totalMicros % 1000n).toString().padStart(3, '0');
  return new Date(ms).toISOString().replace('Z', `${micros}Z`);
}

const STAGES = [
  'ingress',
  'puptoo',
  'inventory',
  'storage-broker',
  'engine',
  'vulnerability',
  'advisor',
] as const;

/**
 * A realistic upload: 7 messages (ingress, puptoo, inventory) or 21 (seven services each
 * sending received, processing, success), 137.001 ms apart, all but ingress on behalf of
 * `insights-client`.
 */
export function lifecycle(
  requestId: string,
  baseMs: number,
  size: 7 | 21,
  service?: string,
): Record<string, unknown>[] {
  const plan: [string, string[]][] =
    size === 7
      ? [
          ['ingress', ['received', 'success']],
          ['puptoo', ['received', 'processing', 'success']],
          ['inventory', ['received', 'success']],
        ]
      : STAGES.map((stage) => [stage, ['received', 'processing', 'success']]);
  let micros = 0;
  return plan.flatMap(([stage, statuses]) =>
    statuses.map((status) => {
      micros += 137_001;
      return {
        service: service ?? stage,
        source: stage === 'ingress' ? undefined : 'insights-client',
        request_id: requestId,
        status,
        date: isoAt(baseMs, micros),
        account: '000123',
        org_id: '54321',
      };
    }),
  );
}

/** A producer and an admin on the test broker, closed together. */
export class TestKafka {
  private readonly kafka: Kafka;
  private producer: Producer | undefined;
  private adminClient: Admin | undefined;

  constructor(connection: KafkaConnection) {
    this.kafka = new Kafka(
      kafkaClientConfig(connection, { clientId: 'ingester-test', logLevel: logLevel.NOTHING }),
    );
  }

  get client(): Kafka {
    return this.kafka;
  }

  async admin(): Promise<Admin> {
    if (this.adminClient === undefined) {
      this.adminClient = this.kafka.admin();
      await this.adminClient.connect();
    }
    return this.adminClient;
  }

  /** Produces the records in order; returns the offset of each. */
  async produce(topic: string, records: readonly TestRecord[]): Promise<string[]> {
    if (this.producer === undefined) {
      this.producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
      await this.producer.connect();
    }
    const offsets: string[] = [];
    // One send per record keeps the returned offsets per record simple; tests send few.
    for (const record of records) {
      const [metadata] = await this.producer.send({
        topic,
        acks: -1,
        messages: [
          {
            key: record.key,
            value: record.value,
            headers: record.headers,
            ...(record.partition === undefined ? {} : { partition: record.partition }),
          },
        ],
      });
      offsets.push(metadata?.baseOffset ?? '-1');
    }
    return offsets;
  }

  /**
   * Produces many records in order, `chunkSize` per send (each send must stay under the
   * broker's message size: kafkajs writes a send as one record batch per partition).
   */
  async produceBulk(topic: string, records: readonly TestRecord[], chunkSize = 500): Promise<void> {
    const producer = await this.connectedProducer();
    for (let start = 0; start < records.length; start += chunkSize) {
      await producer.send({
        topic,
        acks: -1,
        messages: records.slice(start, start + chunkSize).map((record) => ({
          key: record.key,
          value: record.value,
          headers: record.headers,
          ...(record.partition === undefined ? {} : { partition: record.partition }),
        })),
      });
    }
  }

  /** Reads a topic from the beginning in a group of its own until `count` records came. */
  async read(topic: string, count: number, timeoutMs = 120_000): Promise<KafkaMessage[]> {
    const consumer = this.kafka.consumer({ groupId: `reader-${newRequestId()}` });
    const messages: KafkaMessage[] = [];
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({
        eachMessage: ({ message }) => {
          messages.push(message);
          return Promise.resolve();
        },
      });
      await waitUntil(
        `${count} messages on ${topic}`,
        () =>
          messages.length >= count
            ? Promise.resolve()
            : Promise.reject(new Error(`${messages.length} read`)),
        { timeoutMs },
      );
    } finally {
      await consumer.disconnect();
    }
    return messages;
  }

  private async connectedProducer(): Promise<Producer> {
    if (this.producer === undefined) {
      this.producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
      await this.producer.connect();
    }
    return this.producer;
  }

  /** Produces JSON statuses in bulk, keyed by request id. */
  async produceStatuses(
    topic: string,
    statuses: readonly Record<string, unknown>[],
  ): Promise<void> {
    if (this.producer === undefined) {
      this.producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
      await this.producer.connect();
    }
    await this.producer.send({
      topic,
      acks: -1,
      messages: statuses.map((status) => ({
        key: String(status['request_id']),
        value: JSON.stringify(status),
      })),
    });
  }

  /** True once the group has committed every partition's high-water mark. */
  async hasGroupCaughtUp(groupId: string, topic: string): Promise<boolean> {
    const admin = await this.admin();
    const [ends, committed] = await Promise.all([
      admin.fetchTopicOffsets(topic),
      admin.fetchOffsets({ groupId, topics: [topic] }),
    ]);
    const committedByPartition = new Map(
      (committed[0]?.partitions ?? []).map((partition) => [partition.partition, partition.offset]),
    );
    return ends.every(
      (end) => end.high === '0' || committedByPartition.get(end.partition) === end.high,
    );
  }

  async close(): Promise<void> {
    await this.producer?.disconnect();
    await this.adminClient?.disconnect();
  }
}
