import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { EachBatchPayload } from 'kafkajs';

import { PAYLOAD_STATUS_PATTERN } from './ingestion.constants';
import { IngestionService } from './ingestion.service';

/** Entry point of status batches from the `KAFKA_TOPIC` topic (one Kafka batch of one partition per call). */
@Controller()
export class StatusBatchConsumer {
  constructor(private readonly ingestion: IngestionService) {}

  @EventPattern(PAYLOAD_STATUS_PATTERN)
  handleBatch(@Payload() batch: EachBatchPayload): Promise<void> {
    return this.ingestion.handleBatch(batch);
  }
}
