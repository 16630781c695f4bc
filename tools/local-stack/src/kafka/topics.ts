import { Kafka, logLevel } from 'kafkajs';

import { kafkaClientConfig, type KafkaConnection } from './kafka-connection';

export interface TopicSpec {
  topic: string;
  numPartitions: number;
}

/** Creates topics that do not exist yet and waits until they have leaders. */
export async function createTopics(
  connection: KafkaConnection,
  topics: TopicSpec[],
): Promise<void> {
  const admin = new Kafka(kafkaClientConfig(connection, { logLevel: logLevel.NOTHING })).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((spec) => !existing.has(spec.topic));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((spec) => ({
          topic: spec.topic,
          numPartitions: spec.numPartitions,
          replicationFactor: 1,
        })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}
