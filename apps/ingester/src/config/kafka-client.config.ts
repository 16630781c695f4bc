import { readFileSync } from 'node:fs';

import type { KafkaConfig, SASLOptions } from 'kafkajs';

import type { EnvironmentVariables } from './environment-variables';

type KafkaSettings = Pick<
  EnvironmentVariables,
  | 'KAFKA_BROKERS'
  | 'KAFKA_CLIENT_ID'
  | 'KAFKA_SSL'
  | 'KAFKA_SSL_CA'
  | 'KAFKA_SASL_MECHANISM'
  | 'KAFKA_SASL_USERNAME'
  | 'KAFKA_SASL_PASSWORD'
>;

function saslOf(settings: KafkaSettings): SASLOptions | undefined {
  const {
    KAFKA_SASL_MECHANISM: mechanism,
    KAFKA_SASL_USERNAME: username,
    KAFKA_SASL_PASSWORD: password,
  } = settings;
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
 * for managed Kafka.
 */
export function buildKafkaClientConfig(settings: KafkaSettings): KafkaConfig {
  const ca =
    settings.KAFKA_SSL_CA === undefined ? undefined : readFileSync(settings.KAFKA_SSL_CA, 'utf8');
  const sasl = saslOf(settings);
  return {
    clientId: settings.KAFKA_CLIENT_ID,
    brokers: settings.KAFKA_BROKERS.split(','),
    ...(ca !== undefined ? { ssl: { ca: [ca] } } : settings.KAFKA_SSL ? { ssl: true } : {}),
    ...(sasl !== undefined ? { sasl } : {}),
  };
}
