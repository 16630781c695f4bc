import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';

import { DatabaseModule } from '../database/database.module';
import { KafkaModule } from '../kafka/kafka.module';
import { HealthController } from './health.controller';
import { IngesterHealthIndicator } from './ingester-health.indicator';

@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' }), DatabaseModule, KafkaModule],
  controllers: [HealthController],
  providers: [IngesterHealthIndicator],
})
export class HealthModule {}
