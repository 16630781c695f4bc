import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestMicroservice } from '@nestjs/common';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';

import {
  DatabaseHealthCheck,
  NestPinoLogger,
  OpsHttpServer,
  SHUTDOWN_SIGNALS,
  createProcessLogger,
  kafkaLogCreator,
  reportStartupFailure,
  watchShutdownSignals,
} from '@payload-tracker/platform';

import { AppModule } from './app.module';
import { loadEnvironment } from './config/environment-variables';
import { buildKafkaClientConfig, heartbeatIntervalFor } from './config/kafka-client.config';
import { waitForDatabase } from './database/database-startup.wait';
import { startingProbeRoutes } from './health/starting-probes';
import { PAYLOAD_STATUS_PATTERN } from './ingestion/ingestion.constants';
import { BatchKafkaServer } from './kafka/batch-kafka.server';
import { ConsumerMembershipService } from './kafka/consumer-membership.service';
import { PartitionBatchRunner } from './kafka/partition-batch.runner';

/** The `process` field of the ingester's log lines. */
const PROCESS_NAME = 'payload-tracker-ingester';

/** The app once created: a fatal error closes it (the consumer leaves its group) before exiting. */
const created: { app?: INestMicroservice; logger?: Logger; shutdownTimeoutMs?: number } = {};

async function bootstrap(): Promise<void> {
  const environment = loadEnvironment();
  const logger = createProcessLogger({
    process: PROCESS_NAME,
    level: environment.LOG_LEVEL,
    format: environment.LOG_FORMAT,
  });
  created.logger = logger;
  created.shutdownTimeoutMs = environment.SHUTDOWN_TIMEOUT_MS;
  // Probes answer from the first moment, whatever PostgreSQL and Kafka do: live now, not ready
  // ("starting") until the app's own probes take over (MetricsModule), which say ready once the
  // database answers and the group is joined.
  const operations = new OpsHttpServer(new Registry(), logger, startingProbeRoutes());
  await operations.listen(environment.METRICS_PORT);
  const kafkaClient = {
    ...buildKafkaClientConfig((key) => environment[key]),
    logCreator: kafkaLogCreator(logger),
  };
  const membership = new ConsumerMembershipService();
  // The runner lives in the container, which exists only once the transport was handed to it.
  const server = new BatchKafkaServer({
    kafka: {
      client: kafkaClient,
      consumer: {
        groupId: environment.KAFKA_GROUP_ID,
        sessionTimeout: environment.KAFKA_SESSION_TIMEOUT_MS,
        heartbeatInterval: heartbeatIntervalFor(environment.KAFKA_SESSION_TIMEOUT_MS),
        maxBytesPerPartition: environment.KAFKA_MAX_BYTES_PER_PARTITION,
        maxBytes: environment.KAFKA_MAX_BYTES,
        allowAutoTopicCreation: false,
      },
      subscribe: { fromBeginning: true },
      run: { partitionsConsumedConcurrently: environment.KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY },
    },
    topics: { [PAYLOAD_STATUS_PATTERN]: environment.KAFKA_TOPIC },
    membership,
    // kafkajs gave up on the consumer (it has left the group already): exit, and let the
    // orchestrator start a fresh process rather than stay up consuming nothing.
    onFatalCrash: (error) => void stopOnFatalError(error),
    runner: () => {
      if (created.app === undefined) {
        throw new Error('the ingester received a batch before it was created');
      }
      return created.app.get(PartitionBatchRunner);
    },
  });
  const app = await NestFactory.createMicroservice(
    AppModule.forRoot({ environment, logger, kafkaClient, membership, operations }),
    { strategy: server, logger: new NestPinoLogger(logger) },
  );
  created.app = app;

  // Nest closes the consumer (finishing the batch in hand), then the providers (the DLQ
  // producer, the pool, the operations listener), then exits 0; the watchdog bounds that.
  app.enableShutdownHooks([...SHUTDOWN_SIGNALS], { useProcessExit: true });
  watchShutdownSignals(logger, environment.SHUTDOWN_TIMEOUT_MS, 'the batch in hand uncommitted');

  // Not a member before the database answers: it would hold partitions only to retry them.
  await waitForDatabase(app.get(DatabaseHealthCheck), {
    maxBackoffMs: environment.RETRY_MAX_BACKOFF_MS,
    logger,
  });
  await app.listen();
  logger.info(
    {
      context: 'Bootstrap',
      topic: environment.KAFKA_TOPIC,
      dlqTopic: environment.KAFKA_DLQ_TOPIC,
      groupId: environment.KAFKA_GROUP_ID,
      brokers: environment.KAFKA_BROKERS,
      metricsPort: environment.METRICS_PORT,
      requestIdLength: environment.VALIDATE_REQUEST_ID_LENGTH,
    },
    'ingester started',
  );
}

/**
 * Exits with code 1 after closing the app, bounded by `SHUTDOWN_TIMEOUT_MS`: the consumer leaves
 * its group (its partitions move at once instead of after a session timeout), the producer and
 * the pool close.
 */
async function stopOnFatalError(error: unknown): Promise<void> {
  const { app, logger } = created;
  if (app === undefined || logger === undefined) {
    reportStartupFailure(PROCESS_NAME, error);
  } else {
    // Message and code only: a driver error can quote connection details.
    const err =
      error instanceof Error
        ? { type: error.name, message: error.message, code: (error as { code?: unknown }).code }
        : { message: String(error) };
    logger.fatal({ context: 'Bootstrap', err }, 'fatal error; leaving the group and exiting');
  }
  if (app !== undefined) {
    created.app = undefined;
    const bound = new Promise((resolve) =>
      setTimeout(resolve, created.shutdownTimeoutMs ?? 10_000).unref(),
    );
    await Promise.race([app.close().catch(() => undefined), bound]);
  }
  process.exit(1);
}

process.once('uncaughtException', (error) => void stopOnFatalError(error));
bootstrap().catch((error: unknown) => stopOnFatalError(error));
