import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';

import { DatabaseHealthIndicator } from '@payload-tracker/platform';

import { DatabaseModule } from '../database/database.module';
import { PartitionStallModule } from '../kafka/partition-stall.module';
import { IngesterHealthService } from './ingester-health.service';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), DatabaseModule, PartitionStallModule],
  providers: [DatabaseHealthIndicator, IngesterHealthService],
  exports: [IngesterHealthService],
})
export class HealthModule {}
