import { Kafka, Partitioners, logLevel } from 'kafkajs';
import type { Producer } from 'kafkajs';

import { kafkaClientConfig } from '@payload-tracker/local-stack';
import { LifecycleGenerator } from './lifecycle.generator';
import type { GeneratedMessage, UploadOutcome } from './lifecycle.generator';
import { produceTraffic } from './produce-traffic';
import type { MessageSink } from './produce-traffic';
import type { ProducerOptions } from './producer-options';
import { streamTraffic } from './stream-traffic';

/** What the CLI prints when it is done. */
export interface ProducerSummary {
  readonly topic: string;
  readonly seed: number;
  readonly uploads: number;
  /** Uploads that failed, the same as `outcomes.failed`. */
  readonly error_uploads: number;
  /** Uploads per outcome; stalled ones read as stalled once their last status is old enough. */
  readonly outcomes: Readonly<Record<UploadOutcome, number>>;
  readonly messages: number;
  readonly malformed_messages: number;
  readonly seconds: number;
  readonly msgs_per_s: number;
}

/** Spacing of upload start times when `--start` pins them, so reruns are byte-identical. */
const PINNED_START_SPACING_MICROS = 1000n;

class KafkaMessageSink implements MessageSink {
  constructor(
    private readonly producer: Producer,
    private readonly topic: string,
  ) {}

  async send(messages: readonly GeneratedMessage[]): Promise<void> {
    await this.producer.send({
      topic: this.topic,
      acks: -1,
      messages: messages.map((message) => ({ key: message.key, value: message.value })),
    });
  }
}

/** Brokers that do not auto-create topics would otherwise retry unknown-topic errors for a long time. */
async function assertTopicExists(kafka: Kafka, topic: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = await admin.listTopics();
    if (!topics.includes(topic)) {
      throw new Error(`topic '${topic}' does not exist on the brokers; create it first`);
    }
  } finally {
    await admin.disconnect();
  }
}

/** Generates the traffic `options` describe and produces it to Kafka. */
export async function runProducer(options: ProducerOptions): Promise<ProducerSummary> {
  const kafka = new Kafka(
    kafkaClientConfig(options, {
      clientId: 'payload-tracker-mock-producer',
      logLevel: logLevel.WARN,
    }),
  );
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  const generator = new LifecycleGenerator({
    seed: options.seed,
    errorShare: options.errorShare,
    stallShare: options.stallShare,
    malformedShare: options.malformedShare,
    longPathShare: options.longPathShare,
  });
  const pinnedStart = options.startMicros;
  const outcomes: Record<UploadOutcome, number> = { succeeded: 0, failed: 0, stalled: 0 };
  const messages = streamTraffic(generator, {
    uploads: options.uploads,
    concurrentUploads: options.concurrentUploads,
    seed: options.seed,
    startOf: (index) =>
      pinnedStart === null
        ? BigInt(Date.now()) * 1000n
        : pinnedStart + BigInt(index) * PINNED_START_SPACING_MICROS,
    onUpload: (upload) => {
      outcomes[upload.outcome]++;
    },
  });

  await assertTopicExists(kafka, options.topic);
  await producer.connect();
  try {
    const result = await produceTraffic(messages, new KafkaMessageSink(producer, options.topic), {
      rate: options.rate,
      batchSize: options.batchSize,
      maxInFlight: 4,
    });
    const seconds = result.milliseconds / 1000;
    return {
      topic: options.topic,
      seed: options.seed,
      uploads: options.uploads,
      error_uploads: outcomes.failed,
      outcomes,
      messages: result.messages,
      malformed_messages: result.malformed,
      seconds: Number(seconds.toFixed(3)),
      msgs_per_s: seconds > 0 ? Math.round(result.messages / seconds) : result.messages,
    };
  } finally {
    await producer.disconnect();
  }
}
