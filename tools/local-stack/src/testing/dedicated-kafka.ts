import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { KafkaBroker } from '../kafka/kafka-broker';
import { drawKafkaSasl, type KafkaConnection } from '../kafka/kafka-connection';
import { findFreePort } from '../net/free-port';
import { createTestTopics, testKafkaConnection } from './test-topics';
import type { TestTopics } from './test-topics';

/** A single-node KRaft broker of its own, which a test may stop and start (broker restarts). */
export interface DedicatedKafka {
  /** Its address and the sign-in (the run's shared broker's credentials). */
  readonly kafka: KafkaConnection;
  readonly brokers: readonly string[];
  /** Stops the broker (SIGTERM, as an orchestrator would); its topics and offsets stay. */
  stop(): Promise<void>;
  /** Starts it again on the same ports with the same data; resolves once it answers. */
  start(): Promise<void>;
  /** Creates a status topic and its dead-letter topic, with a consumer group name to match. */
  createTopics(options?: { partitions?: number }): Promise<TestTopics>;
  /** Stops it and removes its data. */
  dispose(): Promise<void>;
}

/**
 * Starts a new broker (broker and controller in one JVM) on free ports, signing clients in with
 * the same credentials as the run's shared broker, so `kafkaEnvironment` and `kafkaClientConfig`
 * work unchanged. The ports and the data folder are fixed at creation: `stop` then `start` is a
 * broker restart, not a new cluster. A broker left behind by a dead test process is reaped by the
 * next broker start (its folder carries an owner file).
 */
export async function startDedicatedKafka(): Promise<DedicatedKafka> {
  const shared = (() => {
    try {
      return testKafkaConnection().sasl;
    } catch {
      return undefined;
    }
  })();
  const sasl = shared?.mechanism === 'plain' ? shared : drawKafkaSasl();
  const [port, controllerPort] = [await findFreePort(), await findFreePort()];
  // The `pt-kafka-` prefix lets reapOrphanBrokers find it if this process dies.
  const workDir = await mkdtemp(join(tmpdir(), 'pt-kafka-'));
  const broker = await KafkaBroker.create({ port, controllerPort, workDir, sasl });
  const dispose = async (): Promise<void> => {
    await broker.stop();
    await rm(workDir, { recursive: true, force: true });
  };
  try {
    await broker.start();
  } catch (error: unknown) {
    await dispose();
    throw error;
  }
  const kafka = broker.connection;
  return {
    kafka,
    brokers: broker.brokers,
    stop: () => broker.stop(),
    start: () => broker.start(),
    createTopics: (options = {}) => createTestTopics({ ...options, kafka }),
    dispose,
  };
}
