import type { KafkaConnection, KafkaSasl } from '../kafka/kafka-connection';
import { createTopics } from '../kafka/topics';
import { TEST_ENV, requireTestEnv, uniqueSuffix } from './test-environment';

/** Topic names of one's own on the run's real broker. */
export interface TestTopics {
  topic: string;
  dlqTopic: string;
  groupId: string;
  brokers: string[];
  /** The brokers and their sign-in: give it to every Kafka client (`kafkaClientConfig`). */
  kafka: KafkaConnection;
}

/**
 * Creates a fresh status topic and its dead-letter topic, with a consumer group name to match,
 * on the run's broker or on `options.kafka` (a dedicated one).
 */
export async function createTestTopics(
  options: { partitions?: number; kafka?: KafkaConnection } = {},
): Promise<TestTopics> {
  const kafka = options.kafka ?? testKafkaConnection();
  const suffix = uniqueSuffix();
  const topic = `pt-test-${suffix}.payload-status`;
  const dlqTopic = `${topic}.dlq`;
  await createTopics(kafka, [
    { topic, numPartitions: options.partitions ?? 3 },
    { topic: dlqTopic, numPartitions: 1 },
  ]);
  return { topic, dlqTopic, groupId: `pt-test-${suffix}`, brokers: [...kafka.brokers], kafka };
}

/** The run's broker addresses. */
export function testKafkaBrokers(): string[] {
  return requireTestEnv(TEST_ENV.kafkaBrokers).split(',');
}

/** The run's brokers and the sign-in jest's global setup handed over with them. */
export function testKafkaConnection(): KafkaConnection {
  const sasl = process.env[TEST_ENV.kafkaSasl];
  return {
    brokers: testKafkaBrokers(),
    ...(sasl ? { sasl: JSON.parse(sasl) as KafkaSasl } : {}),
  };
}
