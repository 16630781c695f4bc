import { KafkaBroker } from '../kafka/kafka-broker';
import { createTopics, type TopicSpec } from '../kafka/topics';
import { createDatabase } from '../postgres/database-admin';
import { PostgresServer } from '../postgres/postgres-server';

export interface LocalStackOptions {
  /** Use this server instead of starting PostgreSQL (`DATABASE_URL` always wins). */
  databaseUrl?: string;
  /** Use these brokers instead of starting Kafka. */
  kafkaBrokers?: string[];
  /** Skip Kafka entirely. */
  withoutKafka?: boolean;
  postgresPort?: number;
  kafkaPort?: number;
  /** Database created on a started server (ignored with `databaseUrl`). */
  databaseName?: string;
  topics?: TopicSpec[];
  isDurable?: boolean;
  log?: (line: string) => void;
}

export interface LocalStack {
  /** URL of the application database. */
  databaseUrl: string;
  /** URL of a database with the rights to create others (the `postgres` database on a started server). */
  adminDatabaseUrl: string;
  kafkaBrokers: string[];
  /** Seconds each part took to answer. */
  startSeconds: { postgres: number; kafka: number };
  stop(): Promise<void>;
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = process.hrtime.bigint();
  const result = await work();
  return [result, Number(process.hrtime.bigint() - started) / 1e9];
}

/**
 * Starts real PostgreSQL and Kafka as plain processes on 127.0.0.1 (in parallel), waits until both
 * answer and creates the topics. Anything given through `databaseUrl` / `kafkaBrokers` is used
 * as is and left running on `stop()`.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const log = options.log ?? (() => undefined);
  const postgres = options.databaseUrl
    ? undefined
    : await PostgresServer.create({ port: options.postgresPort, isDurable: options.isDurable });
  const kafka =
    options.kafkaBrokers || options.withoutKafka
      ? undefined
      : await KafkaBroker.create({ port: options.kafkaPort, log });
  const stopAll = async (): Promise<void> => {
    await Promise.allSettled([kafka?.stop(), postgres?.dispose()]);
  };
  try {
    const [[, postgresSeconds], [, kafkaSeconds]] = await Promise.all([
      timed(async () => postgres?.start()),
      timed(async () => kafka?.start()),
    ]);
    const databaseName = options.databaseName ?? 'payload_tracker';
    if (postgres) await createDatabase(postgres.url(), databaseName);
    const kafkaBrokers = options.kafkaBrokers ?? kafka?.brokers ?? [];
    if (kafkaBrokers.length > 0 && options.topics?.length)
      await createTopics(kafkaBrokers, options.topics);
    return {
      databaseUrl: options.databaseUrl ?? (postgres ? postgres.url(databaseName) : ''),
      adminDatabaseUrl: options.databaseUrl ?? (postgres ? postgres.url() : ''),
      kafkaBrokers,
      startSeconds: { postgres: postgresSeconds, kafka: kafkaSeconds },
      stop: stopAll,
    };
  } catch (error: unknown) {
    await stopAll();
    throw error;
  }
}
