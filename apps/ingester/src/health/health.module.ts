import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';

import { DatabaseModule } from '../database/database.module';
import { ConsumerGroupModule } from '../kafka/consumer-group.module';
import { HealthController } from './health.controller';
import { IngesterHealthIndicator } from './ingester-health.indicator';

@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' }), DatabaseModule, ConsumerGroupModule],
  controllers: [HealthController],
  providers: [IngesterHealthIndicator],
})
export class HealthModule {}
