import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import type { Logger } from 'pino';

import { PROCESS_LOGGER } from '@payload-tracker/platform';

import type { EnvironmentVariables } from './config/environment-variables';
import { HealthModule } from './health/health.module';
import { IngestionModule } from './ingestion/ingestion.module';
import { ConsumerStateService } from './kafka/consumer-state.service';
import { MetricsModule } from './metrics/metrics.module';

/** What main.ts builds before Nest: the environment, the root logger, the consumer's state. */
export interface IngesterRoot {
  readonly environment: EnvironmentVariables;
  readonly logger: Logger;
  /** Shared with the Kafka transport, which Nest does not construct. */
  readonly consumerState: ConsumerStateService;
}

/** The ingester: the status batch consumer, its database access, metrics and probes. */
@Module({})
export class AppModule {
  static forRoot(root: IngesterRoot): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        // `validate` hands Nest the environment read once by `loadEnvironment`.
        ConfigModule.forRoot({
          isGlobal: true,
          cache: true,
          ignoreEnvFile: true,
          validate: () => root.environment,
        }),
        MetricsModule,
        HealthModule,
        IngestionModule,
      ],
      providers: [
        { provide: PROCESS_LOGGER, useValue: root.logger },
        { provide: ConsumerStateService, useValue: root.consumerState },
      ],
      exports: [PROCESS_LOGGER, ConsumerStateService],
    };
  }
}
