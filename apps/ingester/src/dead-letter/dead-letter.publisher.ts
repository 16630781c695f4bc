import type { OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { IHeaders, Producer } from 'kafkajs';
import { Kafka, Partitioners } from 'kafkajs';

import type { RejectionReason } from '@payload-tracker/status-lifecycle';

import type { EnvironmentVariables } from '../config/environment-variables';
import type { KafkaClientConfig } from '../config/kafka-client.config';
import { KAFKA_CLIENT_CONFIG } from '../kafka/kafka-client.config.token';

/** A refused message with where it came from and why. */
export interface DeadLetter {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders | undefined;
  reason: RejectionReason;
  detail: string;
}

/** Header names of the dead-letter contract (docs: message contract, "Invalid message"). */
export const DEAD_LETTER_HEADERS = {
  reason: 'x-error-reason',
  detail: 'x-error-detail',
  originalTopic: 'x-original-topic',
  originalPartition: 'x-original-partition',
  originalOffset: 'x-original-offset',
} as const;

/**
 * Publishes refused messages to the dead-letter topic: original key, bytes and headers, plus
 * the reason headers. `send` resolves only once every in-sync replica has the records
 * (acks = all), so the caller may then commit the original offsets.
 */
@Injectable()
export class DeadLetterPublisher implements OnModuleInit, OnApplicationShutdown {
  private readonly producer: Producer;
  private readonly topic: string;

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
  }

  async onModuleInit(): Promise<void> {
    await this.producer.connect();
  }

  /** Runs after the consumer has stopped (Nest closes transports before this hook). */
  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
  }

  async publish(letters: readonly DeadLetter[]): Promise<void> {
    if (letters.length === 0) {
      return;
    }
    await this.producer.send({
      topic: this.topic,
      acks: -1,
      messages: letters.map((letter) => ({
        key: letter.key,
        value: letter.value,
        headers: {
          ...letter.headers,
          [DEAD_LETTER_HEADERS.reason]: letter.reason,
          [DEAD_LETTER_HEADERS.detail]: letter.detail,
          [DEAD_LETTER_HEADERS.originalTopic]: letter.topic,
          [DEAD_LETTER_HEADERS.originalPartition]: String(letter.partition),
          [DEAD_LETTER_HEADERS.originalOffset]: letter.offset,
        },
      })),
    });
  }
}
