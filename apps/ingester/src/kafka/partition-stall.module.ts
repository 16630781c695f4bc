import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import type { EnvironmentVariables } from '../config/environment-variables';
import { PartitionStallMonitor } from './partition-stall.monitor';

/** The stall monitor shared by the batch runner (which writes it), readiness and metrics. */
@Module({
  providers: [
    {
      provide: PartitionStallMonitor,
      inject: [ConfigService],
      useFactory: (config: ConfigService<EnvironmentVariables, true>): PartitionStallMonitor =>
        new PartitionStallMonitor(config.get('PARTITION_STALL_THRESHOLD_MS', { infer: true })),
    },
  ],
  exports: [PartitionStallMonitor],
})
export class PartitionStallModule {}
