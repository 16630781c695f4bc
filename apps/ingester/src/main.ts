import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestMicroservice } from '@nestjs/common';

import {
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
import { buildKafkaClientConfig } from './config/kafka-client.config';
import { PAYLOAD_STATUS_PATTERN } from './ingestion/ingestion.constants';
import { BatchKafkaServer } from './kafka/batch-kafka.server';
import { ConsumerMembershipService } from './kafka/consumer-membership.service';
import { PartitionBatchRunner } from './kafka/partition-batch.runner';

/** The `process` field of the ingester's log lines. */
const PROCESS_NAME = 'payload-tracker-ingester';

async function bootstrap(): Promise<void> {
  const environment = loadEnvironment();
  const logger = createProcessLogger({
    process: PROCESS_NAME,
    level: environment.LOG_LEVEL,
    format: environment.LOG_FORMAT,
  });
  const kafkaClient = {
    ...buildKafkaClientConfig((key) => environment[key]),
    logCreator: kafkaLogCreator(logger),
  };
  const membership = new ConsumerMembershipService();
  // The runner lives in the container, which exists only once the transport was handed to it.
  const created: { app?: INestMicroservice } = {};
  const server = new BatchKafkaServer({
    kafka: {
      client: kafkaClient,
      consumer: {
        groupId: environment.KAFKA_GROUP_ID,
        sessionTimeout: environment.KAFKA_SESSION_TIMEOUT_MS,
        maxBytesPerPartition: environment.KAFKA_MAX_BYTES_PER_PARTITION,
        allowAutoTopicCreation: false,
      },
      subscribe: { fromBeginning: true },
      run: { partitionsConsumedConcurrently: environment.KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY },
    },
    topics: { [PAYLOAD_STATUS_PATTERN]: environment.KAFKA_TOPIC },
    membership,
    runner: () => {
      if (created.app === undefined) {
        throw new Error('the ingester received a batch before it was created');
      }
      return created.app.get(PartitionBatchRunner);
    },
  });
  const app = await NestFactory.createMicroservice(
    AppModule.forRoot({ environment, logger, kafkaClient, membership }),
    { strategy: server, logger: new NestPinoLogger(logger) },
  );
  created.app = app;

  // Nest closes the consumer (finishing the batch in hand), then the providers (the DLQ
  // producer, the pool, the operations listener), then exits 0; the watchdog bounds that.
  app.enableShutdownHooks([...SHUTDOWN_SIGNALS], { useProcessExit: true });
  watchShutdownSignals(logger, environment.SHUTDOWN_TIMEOUT_MS, 'the batch in hand uncommitted');

  // Probes and scrapes answer from here on: live now, ready once the group is joined.
  await app.get(OpsHttpServer).listen(environment.METRICS_PORT);
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

bootstrap().catch((error: unknown) => {
  reportStartupFailure(PROCESS_NAME, error);
  process.exit(1);
});
