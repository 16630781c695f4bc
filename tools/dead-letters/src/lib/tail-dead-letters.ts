import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import type { Consumer } from 'kafkajs';

import { kafkaClientConfig } from '@payload-tracker/local-stack';
import type { KafkaSasl } from '@payload-tracker/local-stack';
import { describeDeadLetter, type DeadLetterView } from './describe-dead-letter';

export interface TailOptions {
  readonly brokers: readonly string[];
  /** The brokers' sign-in, when they want one. */
  readonly sasl?: KafkaSasl;
  readonly topic: string;
  /** Print the letters already on the topic, then follow (else only new ones). */
  readonly fromBeginning: boolean;
}

/** A running tail; `stop` leaves the (throwaway) consumer group. */
export interface DeadLetterTail {
  stop(): Promise<void>;
}

/**
 * Follows the dead-letter topic and hands every letter to `onLetter`. It reads in a consumer
 * group of its own that commits nothing, so it never moves anyone's offsets, and resolves once
 * the group is joined: letters sent after that are seen.
 */
export async function tailDeadLetters(
  options: TailOptions,
  onLetter: (view: DeadLetterView) => void,
): Promise<DeadLetterTail> {
  const kafka = new Kafka(
    kafkaClientConfig(options, {
      clientId: 'payload-tracker-dead-letters',
      // A fresh group logs "coordinator not available" at ERROR while it forms; crashes are
      // reported through the CRASH event below instead.
      logLevel: logLevel.NOTHING,
    }),
  );
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = await admin.listTopics();
    if (!topics.includes(options.topic)) {
      throw new Error(`topic '${options.topic}' does not exist on ${options.brokers.join(',')}`);
    }
  } finally {
    await admin.disconnect();
  }

  // A broker that just started may not have loaded its group coordinator yet: join again.
  for (let attempt = 1; ; attempt += 1) {
    const consumer = kafka.consumer({ groupId: `payload-tracker-dead-letters-${randomUUID()}` });
    try {
      await joinAndRun(consumer, options, onLetter);
      return { stop: () => consumer.disconnect() };
    } catch (error: unknown) {
      await consumer.disconnect();
      if (attempt >= JOIN_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
}

const JOIN_ATTEMPTS = 5;

async function joinAndRun(
  consumer: Consumer,
  options: TailOptions,
  onLetter: (view: DeadLetterView) => void,
): Promise<void> {
  await consumer.connect();
  const joined = new Promise<void>((resolve, reject) => {
    consumer.on(consumer.events.GROUP_JOIN, () => resolve());
    consumer.on(consumer.events.CRASH, (event) => reject(event.payload.error));
  });
  // A crash before `run` resolved surfaces through `run` itself; never as an unhandled rejection.
  joined.catch(() => undefined);
  await consumer.subscribe({ topic: options.topic, fromBeginning: options.fromBeginning });
  await consumer.run({
    autoCommit: false,
    eachMessage: ({ message }) => {
      onLetter(describeDeadLetter(message));
      return Promise.resolve();
    },
  });
  await joined;
}
