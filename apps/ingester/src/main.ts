import { Logger as NestLogger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';

import { AppModule } from './app.module';
import type { EnvironmentVariables } from './config/environment-variables';
import type { KafkaClientConfig } from './config/kafka-client.config';
import { PAYLOAD_STATUS_PATTERN } from './ingestion/ingestion.constants';
import { BatchKafkaServer } from './kafka/batch-kafka.server';
import { ConsumerMembershipService } from './kafka/consumer-membership.service';
import { KAFKA_CLIENT_CONFIG } from './kafka/kafka-client.module';
import { PartitionBatchRunner } from './kafka/partition-batch.runner';

const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter(), {
    bufferLogs: true,
  });
  const logger = app.get(Logger);
  app.useLogger(logger);
  const config = app.get<ConfigService<EnvironmentVariables, true>>(ConfigService);
  const env = <K extends keyof EnvironmentVariables>(key: K): EnvironmentVariables[K] =>
    config.get(key, { infer: true });

  app.connectMicroservice(
    {
      strategy: new BatchKafkaServer({
        kafka: {
          client: app.get<KafkaClientConfig>(KAFKA_CLIENT_CONFIG),
          consumer: {
            groupId: env('KAFKA_GROUP_ID'),
            sessionTimeout: env('KAFKA_SESSION_TIMEOUT_MS'),
            maxBytesPerPartition: env('KAFKA_MAX_BYTES_PER_PARTITION'),
            allowAutoTopicCreation: false,
          },
          subscribe: { fromBeginning: true },
          run: { partitionsConsumedConcurrently: env('KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY') },
        },
        topics: { [PAYLOAD_STATUS_PATTERN]: env('KAFKA_TOPIC') },
        membership: app.get(ConsumerMembershipService),
        runner: app.get(PartitionBatchRunner),
      }),
    },
    { inheritAppConfig: true },
  );

  // Nest closes the consumer (finishing the batch in hand), then the HTTP server and the
  // providers, then exits 0. The watchdog bounds that when a step hangs.
  app.enableShutdownHooks([...SHUTDOWN_SIGNALS], { useProcessExit: true });
  const shutdownTimeoutMs = env('SHUTDOWN_TIMEOUT_MS');
  for (const signal of SHUTDOWN_SIGNALS) {
    process.once(signal, () => {
      logger.log({ msg: 'shutting down', signal, timeoutMs: shutdownTimeoutMs }, 'Bootstrap');
      setTimeout(() => {
        logger.error(
          { msg: 'shutdown timed out; exiting with the batch in hand uncommitted' },
          'Bootstrap',
        );
        process.exit(1);
      }, shutdownTimeoutMs).unref();
    });
  }

  await app.startAllMicroservices();
  await app.listen(env('METRICS_PORT'), '0.0.0.0');
  logger.log(
    {
      msg: 'ingester started',
      topic: env('KAFKA_TOPIC'),
      dlqTopic: env('KAFKA_DLQ_TOPIC'),
      groupId: env('KAFKA_GROUP_ID'),
      brokers: env('KAFKA_BROKERS'),
      metricsPort: env('METRICS_PORT'),
      requestIdLength: env('VALIDATE_REQUEST_ID_LENGTH'),
    },
    'Bootstrap',
  );
}

bootstrap().catch((error: unknown) => {
  // Config validation errors name the variable, never its value.
  new NestLogger('Bootstrap').error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
