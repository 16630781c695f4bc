import { randomBytes } from 'node:crypto';
import type { KafkaConfig } from 'kafkajs';

/** The SASL mechanisms kafkajs speaks without plug-ins (the ingester's `KAFKA_SASL_MECHANISM`). */
export type KafkaSaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512';

/** Who a client signs in to the brokers as. A local stack's broker takes `plain` only. */
export interface KafkaSasl {
  readonly mechanism: KafkaSaslMechanism;
  readonly username: string;
  readonly password: string;
}

/** Everything a Kafka client needs: where the brokers are and, when they want it, the sign-in. */
export interface KafkaConnection {
  readonly brokers: readonly string[];
  readonly sasl?: KafkaSasl;
}

/** The user every local broker knows; only the password, drawn per stack, sets copies apart. */
export const LOCAL_KAFKA_USER = 'payload-tracker';

const SASL_MECHANISMS: readonly string[] = ['plain', 'scram-sha-256', 'scram-sha-512'];

/** New credentials for a local broker (a stack folder's `credentials.json`, a test run). */
export function drawKafkaSasl(): KafkaSasl {
  return {
    mechanism: 'plain',
    username: LOCAL_KAFKA_USER,
    // base64url: nothing to escape in the broker's JAAS line.
    password: randomBytes(18).toString('base64url'),
  };
}

/**
 * kafkajs settings for `connection`: its brokers and sign-in, plus `settings` (client id, log
 * level, retries). Every client the tools and tests make goes through here.
 */
export function kafkaClientConfig(
  connection: KafkaConnection,
  settings: Omit<KafkaConfig, 'brokers' | 'sasl'> = {},
): KafkaConfig {
  const { sasl } = connection;
  return {
    ...settings,
    brokers: [...connection.brokers],
    // kafkajs types each mechanism apart; the three share one shape.
    ...(sasl === undefined ? {} : { sasl: { ...sasl } as KafkaConfig['sasl'] }),
  };
}

/** The variables that point a process at `connection`: `KAFKA_BROKERS` and `KAFKA_SASL_*`. */
export function kafkaEnvironment(connection: KafkaConnection): Record<string, string> {
  const { sasl } = connection;
  return {
    KAFKA_BROKERS: connection.brokers.join(','),
    ...(sasl === undefined
      ? {}
      : {
          KAFKA_SASL_MECHANISM: sasl.mechanism,
          KAFKA_SASL_USERNAME: sasl.username,
          KAFKA_SASL_PASSWORD: sasl.password,
        }),
  };
}

/**
 * The sign-in `KAFKA_SASL_MECHANISM`, `KAFKA_SASL_USERNAME` and `KAFKA_SASL_PASSWORD` describe;
 * undefined when the mechanism is unset.
 *
 * @throws Error naming the variable that is wrong or missing
 */
export function kafkaSaslFromEnvironment(
  env: Readonly<Record<string, string | undefined>>,
): KafkaSasl | undefined {
  const mechanism = env['KAFKA_SASL_MECHANISM'];
  if (mechanism === undefined || mechanism === '') return undefined;
  if (!SASL_MECHANISMS.includes(mechanism)) {
    throw new Error(`KAFKA_SASL_MECHANISM must be one of ${SASL_MECHANISMS.join(', ')}`);
  }
  const username = env['KAFKA_SASL_USERNAME'];
  const password = env['KAFKA_SASL_PASSWORD'];
  if (!username) throw new Error('KAFKA_SASL_USERNAME is required with KAFKA_SASL_MECHANISM');
  if (!password) throw new Error('KAFKA_SASL_PASSWORD is required with KAFKA_SASL_MECHANISM');
  return { mechanism: mechanism as KafkaSaslMechanism, username, password };
}

/** What a running local stack says about its broker (`stack.json`). */
export interface KafkaStackTarget {
  readonly kafkaBrokers: readonly string[];
  readonly kafkaSasl?: KafkaSasl;
}

/**
 * The sign-in of a tool aimed at `brokers`: `KAFKA_SASL_*` when set, else the running local
 * stack's when `brokers` are that stack's (found through its `stack.json`), else none.
 */
export function kafkaSaslFor(
  brokers: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  stack?: KafkaStackTarget,
): KafkaSasl | undefined {
  const fromEnvironment = kafkaSaslFromEnvironment(env);
  if (fromEnvironment !== undefined) return fromEnvironment;
  const isStacks =
    stack !== undefined &&
    brokers.length > 0 &&
    brokers.every((broker) => stack.kafkaBrokers.includes(broker));
  return isStacks ? stack.kafkaSasl : undefined;
}
