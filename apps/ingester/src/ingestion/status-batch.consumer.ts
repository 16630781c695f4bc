import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';

import type { DeadLetterProgress } from '../dead-letter/dead-letter.publisher';
import type { BatchStep, PartitionBatch } from '../kafka/partition-batch';
import { PAYLOAD_STATUS_PATTERN } from './ingestion.constants';
import { IngestionService } from './ingestion.service';

/**
 * Entry point of status batches from the `KAFKA_TOPIC` topic (one Kafka batch of one partition
 * per call): parses the batch, and hands the transport the write and the dead-letter publish
 * as two steps, so a failed publish is retried without writing (and counting) the batch again,
 * and without sending again the letters the dead-letter topic already accepted.
 */
@Controller()
export class StatusBatchConsumer {
  constructor(
    @Inject(IngestionService)
    private readonly ingestion: Pick<IngestionService, 'parse' | 'store' | 'deadLetter'>,
  ) {}

  @EventPattern(PAYLOAD_STATUS_PATTERN)
  handleBatch(@Payload() batch: PartitionBatch): BatchStep[] {
    const { accepted, refused } = this.ingestion.parse(batch);
    // Kept across the publish's retries: a retry resends only what the DLQ has not accepted.
    const published: DeadLetterProgress = { published: 0 };
    return [
      { name: 'write', run: () => this.ingestion.store(accepted) },
      { name: 'dead-letter', run: () => this.ingestion.deadLetter(refused, published) },
    ];
  }
}
