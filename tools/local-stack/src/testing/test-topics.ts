import { createTopics } from '../kafka/topics';
import { TEST_ENV, requireTestEnv, uniqueSuffix } from './test-environment';

/** Topic names of one's own on the run's real broker. */
export interface TestTopics {
  topic: string;
  dlqTopic: string;
  groupId: string;
  brokers: string[];
}

/** Creates a fresh status topic and its dead-letter topic, with a consumer group name to match. */
export async function createTestTopics(options: { partitions?: number } = {}): Promise<TestTopics> {
  const brokers = requireTestEnv(TEST_ENV.kafkaBrokers).split(',');
  const suffix = uniqueSuffix();
  const topic = `pt-test-${suffix}.payload-status`;
  const dlqTopic = `${topic}.dlq`;
  await createTopics(brokers, [
    { topic, numPartitions: options.partitions ?? 3 },
    { topic: dlqTopic, numPartitions: 1 },
  ]);
  return { topic, dlqTopic, groupId: `pt-test-${suffix}`, brokers };
}

/** The run's broker addresses. */
export function testKafkaBrokers(): string[] {
  return requireTestEnv(TEST_ENV.kafkaBrokers).split(',');
}
