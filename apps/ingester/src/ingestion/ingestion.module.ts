import { Module } from '@nestjs/common';

import { DatabaseModule } from '../database/database.module';
import { DeadLetterModule } from '../dead-letter/dead-letter.module';
import { MetricsModule } from '../metrics/metrics.module';
import { IngestionService } from './ingestion.service';
import { StatusBatchConsumer } from './status-batch.consumer';
import { StoredStatusRecorder } from './stored-status.recorder';

@Module({
  imports: [DatabaseModule, DeadLetterModule, MetricsModule],
  controllers: [StatusBatchConsumer],
  providers: [IngestionService, StoredStatusRecorder],
})
export class IngestionModule {}
