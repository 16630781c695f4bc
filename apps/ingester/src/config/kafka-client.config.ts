import { readFileSync } from 'node:fs';

import type { KafkaConfig, RetryOptions, SASLOptions } from 'kafkajs';

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
 * kafkajs's retries of a request (connect, metadata, fetch, join, commit, produce), shared by the
 * consumer and the dead-letter producer. With kafkajs's defaults (5 retries, pauses growing to
 * 30 s) a broker restart exhausted them: the consumer crashed, restarted itself as a new member
 * after the last pause, and then waited for its old self's session to expire (31 s measured).
 * Pauses capped at 2 s and 30 retries carry the consumer through an outage of about a minute
 * with its member id: it asks every 2 s at most and stores again about a second after the broker
 * answers (docs/adr/0006, ingester-broker-restart.int-spec.ts). Longer outages still end in a
 * kafkajs restart, which rejoins after one session timeout.
 */
export const KAFKA_RETRY: RetryOptions = {
  initialRetryTime: 300,
  maxRetryTime: 2000,
  retries: 30,
};

/** Longest pause between two heartbeats (kafkajs's default). */
const MAX_HEARTBEAT_INTERVAL_MS = 3000;

/**
 * The heartbeat interval that matches a session timeout: a third of it (Kafka's rule of thumb,
 * so two heartbeats may be lost before the broker gives up on the member), at most 3 s.
 */
export function heartbeatIntervalFor(sessionTimeoutMs: number): number {
  return Math.min(MAX_HEARTBEAT_INTERVAL_MS, Math.floor(sessionTimeoutMs / 3));
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
    retry: { ...KAFKA_RETRY },
    ...(ca !== undefined ? { ssl: { ca: [ca] } } : read('KAFKA_SSL') ? { ssl: true } : {}),
    ...(sasl !== undefined ? { sasl } : {}),
  };
}
