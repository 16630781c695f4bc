import type { OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Producer } from 'kafkajs';
import { Kafka, Partitioners } from 'kafkajs';

import type { EnvironmentVariables } from '../config/environment-variables';
import type { KafkaClientConfig } from '../config/kafka-client.config';
import { KAFKA_CLIENT_CONFIG } from '../kafka/kafka-client.config.token';
import type { DeadLetter, OutgoingDeadLetter } from './dead-letter-message';
import { fittedDeadLetter, packDeadLetters, smallerDeadLetter } from './dead-letter-message';

export type { DeadLetter } from './dead-letter-message';

/**
 * How far the publish of one batch's letters got: how many of them, from the first, the
 * dead-letter topic has accepted. The caller keeps it across retries of the same letters, so
 * a retry sends only the rest.
 */
export interface DeadLetterProgress {
  published: number;
}

/** kafkajs error types meaning the broker refused a record batch for its size. */
const TOO_LARGE_ERROR_TYPES: ReadonlySet<string> = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
]);

/** True when the error, or an error it wraps (kafkajs wraps a non-retriable one), is a size refusal. */
function isTooLargeError(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; depth < 5; depth += 1) {
    if (typeof current !== 'object' || current === null) {
      return false;
    }
    if ('type' in current && typeof current.type === 'string') {
      if (TOO_LARGE_ERROR_TYPES.has(current.type)) {
        return true;
      }
    }
    current = 'cause' in current ? current.cause : undefined;
  }
  return false;
}

/**
 * Publishes refused messages to the dead-letter topic: original key, bytes and headers, plus
 * the reason headers. `send` resolves only once every in-sync replica has the records
 * (acks = all), so the caller may then commit the original offsets.
 *
 * The letters go out in order, in as many requests as it takes to keep each under
 * `KAFKA_DLQ_MAX_REQUEST_BYTES` (kafkajs writes one send as one record batch per partition,
 * which the broker refuses above its `message.max.bytes`). A letter too large on its own is
 * replaced by a stand-in (same key, headers and reason headers, the value cut short, its
 * length and SHA-256 in headers). When the broker still refuses a request for its size (the
 * topic's `max.message.bytes` is lower), the request is halved, and a single letter shrunk to
 * the next smaller stand-in, until it fits; only a letter whose smallest stand-in is refused
 * fails the publish (retried by the transport, and a lasting stall shows in readiness).
 */
@Injectable()
export class DeadLetterPublisher implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(DeadLetterPublisher.name);
  private readonly producer: Producer;
  private readonly topic: string;
  private readonly maxRequestBytes: number;

  constructor(
    @Inject(KAFKA_CLIENT_CONFIG) client: KafkaClientConfig,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    // The shared settings carry the log creator: kafkajs's lines come out in the common shape.
    const kafka = new Kafka({ ...client, clientId: `${client.clientId}-dlq` });
    this.producer = kafka.producer({
      // The partitioner kafkajs 2 defaults to (it warns on every start unless one is named).
      createPartitioner: Partitioners.DefaultPartitioner,
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
    this.topic = config.get('KAFKA_DLQ_TOPIC', { infer: true });
    this.maxRequestBytes = config.get('KAFKA_DLQ_MAX_REQUEST_BYTES', { infer: true });
  }

  async onModuleInit(): Promise<void> {
    await this.producer.connect();
  }

  /** Runs after the consumer has stopped (Nest closes transports before this hook). */
  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
  }

  /**
   * Publishes `letters` (skipping the `progress.published` first ones, already accepted by an
   * earlier call) and advances `progress` after each accepted request.
   */
  async publish(
    letters: readonly DeadLetter[],
    progress: DeadLetterProgress = { published: 0 },
  ): Promise<void> {
    const pending = letters.slice(progress.published).map((letter) => {
      const outgoing = fittedDeadLetter(letter, this.maxRequestBytes);
      if (outgoing.form !== 'original') {
        this.logStandIn(outgoing, 'larger than KAFKA_DLQ_MAX_REQUEST_BYTES');
      }
      return outgoing;
    });
    for (const request of packDeadLetters(pending, this.maxRequestBytes)) {
      await this.send(request, progress);
    }
  }

  private async send(
    request: readonly OutgoingDeadLetter[],
    progress: DeadLetterProgress,
  ): Promise<void> {
    try {
      await this.producer.send({
        topic: this.topic,
        acks: -1,
        messages: request.map((outgoing) => outgoing.message),
      });
      progress.published += request.length;
      return;
    } catch (error: unknown) {
      if (!isTooLargeError(error)) {
        throw error;
      }
      const [only] = request;
      if (request.length > 1 || only === undefined) {
        const half = Math.ceil(request.length / 2);
        await this.send(request.slice(0, half), progress);
        await this.send(request.slice(half), progress);
        return;
      }
      const smaller = smallerDeadLetter(only);
      if (smaller === undefined) {
        this.logger.error({
          msg: 'dead-letter topic refuses even the smallest stand-in; raise its max.message.bytes',
          dlqTopic: this.topic,
          ...this.origin(only),
          bytes: only.bytes,
        });
        throw error;
      }
      this.logStandIn(smaller, 'refused by the broker as too large');
      await this.send([smaller], progress);
    }
  }

  private logStandIn(outgoing: OutgoingDeadLetter, why: string): void {
    this.logger.warn({
      msg: 'dead letter replaced by a stand-in',
      why,
      form: outgoing.form,
      ...this.origin(outgoing),
      originalValueBytes: outgoing.letter.value?.length ?? 0,
      bytes: outgoing.bytes,
    });
  }

  private origin(outgoing: OutgoingDeadLetter): Record<string, unknown> {
    const { topic, partition, offset, reason } = outgoing.letter;
    return { topic, partition, offset, reason };
  }
}
