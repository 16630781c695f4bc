import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';

import { PROCESS_LOGGER, environmentModule } from '@payload-tracker/platform';
import type { OpsHttpServer } from '@payload-tracker/platform';

import type { EnvironmentVariables } from './config/environment-variables';
import type { KafkaClientConfig } from './config/kafka-client.config';
import { HealthModule } from './health/health.module';
import { IngestionModule } from './ingestion/ingestion.module';
import { ConsumerGroupModule } from './kafka/consumer-group.module';
import { ConsumerMembershipService } from './kafka/consumer-membership.service';
import { KAFKA_CLIENT_CONFIG } from './kafka/kafka-client.config.token';
import { MetricsModule } from './metrics/metrics.module';
import { OPERATIONS_LISTENER } from './metrics/operations-listener.token';

/**
 * What main.ts builds before Nest, because the Kafka transport (which Nest does not
 * construct) needs it too: the environment, the root logger, the kafkajs client settings
 * (built once, shared with the dead-letter producer), the group membership, and the operations
 * listener, open before anything else so that the probes answer while the process starts.
 */
export interface IngesterRoot {
  readonly environment: EnvironmentVariables;
  readonly logger: Logger;
  readonly kafkaClient: KafkaClientConfig;
  readonly membership: ConsumerMembershipService;
  readonly operations: OpsHttpServer;
}

/** The ingester: the status batch consumer, its database access, metrics and probes. */
@Module({})
export class AppModule {
  static forRoot(root: IngesterRoot): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        environmentModule(root.environment),
        ConsumerGroupModule,
        MetricsModule,
        HealthModule,
        IngestionModule,
      ],
      providers: [
        { provide: PROCESS_LOGGER, useValue: root.logger },
        { provide: KAFKA_CLIENT_CONFIG, useValue: root.kafkaClient },
        { provide: ConsumerMembershipService, useValue: root.membership },
        { provide: OPERATIONS_LISTENER, useValue: root.operations },
      ],
      exports: [
        PROCESS_LOGGER,
        KAFKA_CLIENT_CONFIG,
        ConsumerMembershipService,
        OPERATIONS_LISTENER,
      ],
    };
  }
}
