import { readFileSync } from 'node:fs';

import type { KafkaConfig, SASLOptions } from 'kafkajs';

import type { EnvironmentVariables } from './environment-variables';

/** The variables the kafkajs client settings are made of (shared by consumer and producer). */
type KafkaClientVariable =
  | 'KAFKA_BROKERS'
  | 'KAFKA_CLIENT_ID'
  | 'KAFKA_SSL'
  | 'KAFKA_SSL_CA'
  | 'KAFKA_SASL_MECHANISM'
  | 'KAFKA_SASL_USERNAME'
  | 'KAFKA_SASL_PASSWORD';

/** Reads one validated variable (`ConfigService.get` in the app). */
export type KafkaClientVariableReader = <K extends KafkaClientVariable>(
  key: K,
) => EnvironmentVariables[K];

/** kafkajs client settings with the client id always set (the producer derives its own from it). */
export type KafkaClientConfig = KafkaConfig & { clientId: string };

function saslOf(read: KafkaClientVariableReader): SASLOptions | undefined {
  const mechanism = read('KAFKA_SASL_MECHANISM');
  const username = read('KAFKA_SASL_USERNAME');
  const password = read('KAFKA_SASL_PASSWORD');
  if (mechanism === undefined || username === undefined || password === undefined) {
    return undefined;
  }
  switch (mechanism) {
    case 'plain':
      return { mechanism: 'plain', username, password };
    case 'scram-sha-256':
      return { mechanism: 'scram-sha-256', username, password };
    case 'scram-sha-512':
      return { mechanism: 'scram-sha-512', username, password };
  }
}

/**
 * kafkajs client settings from the environment: brokers, TLS (a CA file implies TLS) and SASL
 * for managed Kafka. Built once (main.ts, `KAFKA_CLIENT_CONFIG`) and shared by the consumer and the
 * dead-letter producer.
 */
export function buildKafkaClientConfig(read: KafkaClientVariableReader): KafkaClientConfig {
  const caPath = read('KAFKA_SSL_CA');
  const ca = caPath === undefined ? undefined : readFileSync(caPath, 'utf8');
  const sasl = saslOf(read);
  return {
    clientId: read('KAFKA_CLIENT_ID'),
    brokers: read('KAFKA_BROKERS').split(','),
    ...(ca !== undefined ? { ssl: { ca: [ca] } } : read('KAFKA_SSL') ? { ssl: true } : {}),
    ...(sasl !== undefined ? { sasl } : {}),
  };
}
