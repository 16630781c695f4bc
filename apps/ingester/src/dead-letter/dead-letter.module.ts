import { Module } from '@nestjs/common';

import { DeadLetterPublisher } from './dead-letter.publisher';

@Module({
  providers: [DeadLetterPublisher],
  exports: [DeadLetterPublisher],
})
export class DeadLetterModule {}
