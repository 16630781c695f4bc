import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import type { EnvironmentVariables } from '../config/environment-variables';
import { IngesterMetricsService } from '../metrics/ingester-metrics.service';
import { MetricsModule } from '../metrics/metrics.module';
import { PartitionBatchRunner } from './partition-batch.runner';

/**
 * The runner of this member's partition batches (retry settings from the environment, lag and
 * commit failures into the metrics). The transport, built in main.ts outside the container,
 * takes it from here once the container exists; the membership it shares with readiness is
 * provided by the app module.
 */
@Module({
  imports: [MetricsModule],
  providers: [
    {
      provide: PartitionBatchRunner,
      inject: [ConfigService, IngesterMetricsService],
      useFactory: (
        config: ConfigService<EnvironmentVariables, true>,
        metrics: IngesterMetricsService,
      ): PartitionBatchRunner =>
        new PartitionBatchRunner({
          maxBackoffMs: config.get('RETRY_MAX_BACKOFF_MS', { infer: true }),
          listener: {
            committed: ({ partition, lag }) =>
              metrics.consumerLag.set({ partition: String(partition) }, lag),
            commitFailed: () => metrics.consumeErrors.inc(),
          },
        }),
    },
  ],
  exports: [PartitionBatchRunner],
})
export class ConsumerGroupModule {}
