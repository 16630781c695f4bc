import { Module } from '@nestjs/common';
import type { OnApplicationShutdown } from '@nestjs/common';

import { OpsHttpServer } from '@payload-tracker/platform';

import { HealthModule } from '../health/health.module';
import { IngesterHealthService } from '../health/ingester-health.service';
import { PartitionStallModule } from '../kafka/partition-stall.module';
import { IngesterMetricsService } from './ingester-metrics.service';
import { OPERATIONS_LISTENER } from './operations-listener.token';

/**
 * The ingester's registry and its operations listener on `METRICS_PORT`: `/metrics`,
 * `/health/live`, `/health/ready`. main.ts opens the listener before Nest starts (it answers
 * live, and not ready, from the first moment); here it is handed the registry and the real
 * probes, so they answer while the database is awaited and the consumer joins its group.
 */
@Module({
  imports: [HealthModule, PartitionStallModule],
  providers: [
    IngesterMetricsService,
    {
      provide: OpsHttpServer,
      inject: [OPERATIONS_LISTENER, IngesterMetricsService, IngesterHealthService],
      useFactory: (
        listener: OpsHttpServer,
        metrics: IngesterMetricsService,
        health: IngesterHealthService,
      ): OpsHttpServer => {
        listener.serve(metrics.registry, {
          '/health/live': () => health.live(),
          '/health/ready': () => health.ready(),
        });
        return listener;
      },
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
