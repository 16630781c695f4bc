import { Module } from '@nestjs/common';

import { MetricsModule } from '../metrics/metrics.module';
import { MetricsService } from '../metrics/metrics.service';
import { OutcomeGauges } from '../metrics/outcome-gauges';
import { StatsController } from './stats.controller';
import { StatsRepository } from './stats.repository';
import { StatsService } from './stats.service';

/** Service health over a window, and the payload gauges read from the same tables. */
@Module({
  imports: [MetricsModule],
  controllers: [StatsController],
  providers: [
    StatsService,
    StatsRepository,
    {
      provide: OutcomeGauges,
      inject: [MetricsService, StatsService],
      useFactory: (metrics: MetricsService, stats: StatsService): OutcomeGauges =>
        new OutcomeGauges(metrics.registry, () => stats.gaugeValues()),
    },
  ],
})
export class StatsModule {}
