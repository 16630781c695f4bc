import { Module } from '@nestjs/common';
import type { OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';

import { OpsHttpServer, PROCESS_LOGGER } from '@payload-tracker/platform';

import { HealthModule } from '../health/health.module';
import { IngesterHealthService } from '../health/ingester-health.service';
import { PartitionStallModule } from '../kafka/partition-stall.module';
import { IngesterMetricsService } from './ingester-metrics.service';

/**
 * The ingester's registry and its operations listener on `METRICS_PORT`: `/metrics`,
 * `/health/live`, `/health/ready`. main.ts starts the listener before the consumer joins its
 * group, so probes and scrapes answer while it does.
 */
@Module({
  imports: [HealthModule, PartitionStallModule],
  providers: [
    IngesterMetricsService,
    {
      provide: OpsHttpServer,
      inject: [IngesterMetricsService, IngesterHealthService, PROCESS_LOGGER],
      useFactory: (
        metrics: IngesterMetricsService,
        health: IngesterHealthService,
        logger: Logger,
      ): OpsHttpServer =>
        new OpsHttpServer(metrics.registry, logger, {
          '/health/live': () => health.live(),
          '/health/ready': () => health.ready(),
        }),
    },
  ],
  exports: [IngesterMetricsService, OpsHttpServer],
})
export class MetricsModule implements OnApplicationShutdown {
  constructor(private readonly server: OpsHttpServer) {}

  async onApplicationShutdown(): Promise<void> {
    await this.server.close();
  }
}
