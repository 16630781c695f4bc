import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import type { EnvironmentVariables } from '../config/environment-variables';
import { IngesterMetricsService } from '../metrics/ingester-metrics.service';
import { MetricsModule } from '../metrics/metrics.module';
import { ConsumerMembershipService } from './consumer-membership.service';
import { PartitionBatchRunner } from './partition-batch.runner';

/**
 * This member of the consumer group, as the container sees it: its membership (which
 * readiness reads) and the runner of its partition batches (retry settings from the
 * environment, lag and commit failures into the metrics). The transport, built in main.ts
 * outside the container, takes both from here.
 */
@Module({
  imports: [MetricsModule],
  providers: [
    ConsumerMembershipService,
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
  exports: [ConsumerMembershipService, PartitionBatchRunner],
})
export class ConsumerGroupModule {}
