import { join } from 'node:path';
import { KafkaBroker } from '../kafka/kafka-broker';
import type { KafkaConnection, KafkaSasl } from '../kafka/kafka-connection';
import { createTopics, type TopicSpec } from '../kafka/topics';
import { createDatabase } from '../postgres/database-admin';
import { PostgresServer } from '../postgres/postgres-server';
import { ProcessGuard } from '../process/process-guard';

export interface LocalStackOptions {
  /** Use this server instead of starting PostgreSQL (`DATABASE_URL` always wins). */
  databaseUrl?: string;
  /** Use these brokers instead of starting Kafka. */
  kafkaBrokers?: string[];
  /**
   * The started broker's credentials (a stack folder's), or the sign-in for `kafkaBrokers`;
   * a started broker draws new ones when absent.
   */
  kafkaSasl?: KafkaSasl;
  /** Skip Kafka entirely. */
  withoutKafka?: boolean;
  postgresPort?: number;
  kafkaPort?: number;
  /**
   * Folder whose `postgres/` and `kafka/` hold the servers' data across restarts (the local
   * stack's `.local-stack`); temporary folders, removed on `stop()`, when absent.
   */
  dataDir?: string;
  /** PostgreSQL superuser and password (a kept `dataDir` needs the ones it was created with). */
  postgresUser?: string;
  postgresPassword?: string;
  /** Database created on a started server (ignored with `databaseUrl`). */
  databaseName?: string;
  topics?: TopicSpec[];
  isDurable?: boolean;
  /** Guard that stops the servers if this process dies; the stack starts its own when absent. */
  guard?: ProcessGuard;
  log?: (line: string) => void;
}

export interface LocalStack {
  /** URL of the application database. */
  databaseUrl: string;
  /** URL of a database with the rights to create others (the `postgres` database on a started server). */
  adminDatabaseUrl: string;
  kafkaBrokers: string[];
  /** The brokers and their sign-in: what every Kafka client of this stack needs. */
  kafka: KafkaConnection;
  /** Seconds each part took to answer. */
  startSeconds: { postgres: number; kafka: number };
  /** Process ids of the servers it started. */
  pids: { postgres?: number; kafka?: number };
  /** Stops the broker, then PostgreSQL (the apps that use them must be stopped before). */
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
 * as is and left running on `stop()`. A guard process stops what was started if this process
 * dies without calling `stop()` (SIGKILL, a crash).
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const log = options.log ?? (() => undefined);
  const needsServers = !options.databaseUrl || !(options.kafkaBrokers || options.withoutKafka);
  const ownGuard =
    needsServers && !options.guard
      ? ProcessGuard.start(options.dataDir ?? 'local-stack')
      : undefined;
  const guard = options.guard ?? ownGuard;
  const postgres = options.databaseUrl
    ? undefined
    : await PostgresServer.create({
        port: options.postgresPort,
        isDurable: options.isDurable,
        dataDir: options.dataDir ? join(options.dataDir, 'postgres') : undefined,
        user: options.postgresUser,
        password: options.postgresPassword,
        guard,
      });
  const kafka =
    options.kafkaBrokers || options.withoutKafka
      ? undefined
      : await KafkaBroker.create({
          port: options.kafkaPort,
          workDir: options.dataDir ? join(options.dataDir, 'kafka') : undefined,
          sasl: options.kafkaSasl,
          guard,
          log,
        });
  let isStopped = false;
  const stopAll = async (): Promise<void> => {
    if (isStopped) return;
    isStopped = true;
    // Neither server depends on the other: both stop at once.
    await Promise.allSettled([kafka?.stop(), postgres?.dispose()]);
    await ownGuard?.close();
  };
  try {
    const [[, postgresSeconds], [, kafkaSeconds]] = await Promise.all([
      timed(async () => postgres?.start()),
      timed(async () => kafka?.start()),
    ]);
    const databaseName = options.databaseName ?? 'payload_tracker';
    if (postgres) await createDatabase(postgres.url(), databaseName, undefined, true);
    const kafkaConnection: KafkaConnection = kafka?.connection ?? {
      brokers: options.kafkaBrokers ?? [],
      ...(options.kafkaSasl === undefined ? {} : { sasl: options.kafkaSasl }),
    };
    const kafkaBrokers = [...kafkaConnection.brokers];
    if (kafkaBrokers.length > 0 && options.topics?.length)
      await createTopics(kafkaConnection, options.topics);
    return {
      databaseUrl: options.databaseUrl ?? (postgres ? postgres.url(databaseName) : ''),
      adminDatabaseUrl: options.databaseUrl ?? (postgres ? postgres.url() : ''),
      kafkaBrokers,
      kafka: kafkaConnection,
      startSeconds: { postgres: postgresSeconds, kafka: kafkaSeconds },
      pids: { postgres: postgres?.pid, kafka: kafka?.pid },
      stop: stopAll,
    };
  } catch (error: unknown) {
    await stopAll();
    throw error;
  }
}
