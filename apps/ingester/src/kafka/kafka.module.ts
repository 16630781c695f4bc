import { Module } from '@nestjs/common';

import { ConsumerStateService } from './consumer-state.service';

/** State shared between the Kafka transport (built in main.ts) and the container. */
@Module({
  providers: [ConsumerStateService],
  exports: [ConsumerStateService],
})
export class KafkaModule {}
