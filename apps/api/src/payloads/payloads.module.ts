import { Module } from '@nestjs/common';
import { PayloadsController } from './payloads.controller';
import { PayloadsRepository } from './payloads.repository';
import { PayloadsService } from './payloads.service';

/** Payload lists and per-payload status history. */
@Module({
  controllers: [PayloadsController],
  providers: [PayloadsService, PayloadsRepository],
  exports: [PayloadsRepository, PayloadsService],
})
export class PayloadsModule {}
