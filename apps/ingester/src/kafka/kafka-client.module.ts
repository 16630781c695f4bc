import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import type { EnvironmentVariables } from '../config/environment-variables';
import type { KafkaClientConfig } from '../config/kafka-client.config';
import { buildKafkaClientConfig } from '../config/kafka-client.config';

/** Injection token of the {@link KafkaClientConfig} built once from the environment. */
export const KAFKA_CLIENT_CONFIG = Symbol('KAFKA_CLIENT_CONFIG');

/**
 * The kafkajs client settings (brokers, TLS, SASL, client id), read and built once: injected
 * into the dead-letter producer, and taken from the container by main.ts for the consumer.
 */
@Module({
  providers: [
    {
      provide: KAFKA_CLIENT_CONFIG,
      inject: [ConfigService],
      useFactory: (config: ConfigService<EnvironmentVariables, true>): KafkaClientConfig =>
        buildKafkaClientConfig((key) => config.get(key, { infer: true })),
    },
  ],
  exports: [KAFKA_CLIENT_CONFIG],
})
export class KafkaClientModule {}
