import { Module } from '@nestjs/common';

import { IngesterMetricsService } from './ingester-metrics.service';
import { MetricsController } from './metrics.controller';

@Module({
  controllers: [MetricsController],
  providers: [IngesterMetricsService],
  exports: [IngesterMetricsService],
})
export class MetricsModule {}
