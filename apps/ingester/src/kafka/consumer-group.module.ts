import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import type { EnvironmentVariables } from '../config/environment-variables';
import { IngesterMetricsService } from '../metrics/ingester-metrics.service';
import { MetricsModule } from '../metrics/metrics.module';
import { PartitionBatchRunner } from './partition-batch.runner';
import { PartitionStallModule } from './partition-stall.module';
import { PartitionStallMonitor } from './partition-stall.monitor';

/**
 * The runner of this member's partition batches (retry settings from the environment, lag and
 * commit failures into the metrics, failing and moving partitions into the stall monitor). The transport, built in main.ts outside the container,
 * takes it from here once the container exists; the membership it shares with readiness is
 * provided by the app module.
 */
@Module({
  imports: [MetricsModule, PartitionStallModule],
  providers: [
    {
      provide: PartitionBatchRunner,
      inject: [ConfigService, IngesterMetricsService, PartitionStallMonitor],
      useFactory: (
        config: ConfigService<EnvironmentVariables, true>,
        metrics: IngesterMetricsService,
        stalls: PartitionStallMonitor,
      ): PartitionBatchRunner =>
        new PartitionBatchRunner({
          maxBackoffMs: config.get('RETRY_MAX_BACKOFF_MS', { infer: true }),
          listener: {
            committed: ({ topic, partition, lag }) => {
              stalls.settled(topic, partition);
              metrics.consumerLag.set({ partition: String(partition) }, lag);
            },
            commitFailed: () => metrics.consumeErrors.inc(),
            retrying: ({ topic, partition }) => stalls.retrying(topic, partition),
            abandoned: ({ topic, partition }) => stalls.settled(topic, partition),
          },
        }),
    },
  ],
  exports: [PartitionBatchRunner],
})
export class ConsumerGroupModule {}
