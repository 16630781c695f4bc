import { Module } from '@nestjs/common';

import { DeadLetterPublisher } from './dead-letter.publisher';

/** The dead-letter producer (its Kafka settings come from the app module's `KAFKA_CLIENT_CONFIG`). */
@Module({
  providers: [DeadLetterPublisher],
  exports: [DeadLetterPublisher],
})
export class DeadLetterModule {}
