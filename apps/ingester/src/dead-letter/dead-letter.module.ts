import { Module } from '@nestjs/common';

import { KafkaClientModule } from '../kafka/kafka-client.module';
import { DeadLetterPublisher } from './dead-letter.publisher';

@Module({
  imports: [KafkaClientModule],
  providers: [DeadLetterPublisher],
  exports: [DeadLetterPublisher],
})
export class DeadLetterModule {}
