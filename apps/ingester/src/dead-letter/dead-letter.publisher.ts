import type { OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { KafkaLogger } from '@nestjs/microservices';
import type { IHeaders, Producer } from 'kafkajs';
import { Kafka } from 'kafkajs';

import type { RejectionReason } from '@payload-tracker/status-lifecycle';

import type { EnvironmentVariables } from '../config/environment-variables';
import { buildKafkaClientConfig } from '../config/kafka-client.config';

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
  private readonly logger = new Logger(DeadLetterPublisher.name);
  private readonly producer: Producer;
  private readonly topic: string;

  constructor(config: ConfigService<EnvironmentVariables, true>) {
    const kafka = new Kafka({
      ...buildKafkaClientConfig({
        KAFKA_BROKERS: config.get('KAFKA_BROKERS', { infer: true }),
        KAFKA_CLIENT_ID: `${config.get('KAFKA_CLIENT_ID', { infer: true })}-dlq`,
        KAFKA_SSL: config.get('KAFKA_SSL', { infer: true }),
        KAFKA_SSL_CA: config.get('KAFKA_SSL_CA', { infer: true }),
        KAFKA_SASL_MECHANISM: config.get('KAFKA_SASL_MECHANISM', { infer: true }),
        KAFKA_SASL_USERNAME: config.get('KAFKA_SASL_USERNAME', { infer: true }),
        KAFKA_SASL_PASSWORD: config.get('KAFKA_SASL_PASSWORD', { infer: true }),
      }),
      logCreator: KafkaLogger.bind(null, this.logger),
    });
    this.producer = kafka.producer({
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
