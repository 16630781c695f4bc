import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import type { StatusBatchWriteResult } from '@payload-tracker/entities';
import { StatusBatchWriter } from '@payload-tracker/entities';
import type { ParseOptions, StatusMessage } from '@payload-tracker/status-lifecycle';
import { parseStatusMessage } from '@payload-tracker/status-lifecycle';

import type { EnvironmentVariables } from '../config/environment-variables';
import type { DeadLetter, DeadLetterProgress } from '../dead-letter/dead-letter.publisher';
import { DeadLetterPublisher } from '../dead-letter/dead-letter.publisher';
import type { PartitionBatch } from '../kafka/partition-batch';
import { IngesterMetricsService } from '../metrics/ingester-metrics.service';
import { refusedMessageFields } from './refused-message-fields';
import { StoredStatusRecorder } from './stored-status.recorder';

/** A batch's records split by the parser: statuses to store, and refused records to dead-letter. */
export interface ParsedStatusBatch {
  accepted: StatusMessage[];
  refused: DeadLetter[];
}

/**
 * The ingestion use case over one partition batch, in three parts the transport runs in
 * order: {@link parse} every record (no I/O), {@link store} the accepted statuses in one
 * database write, {@link deadLetter} the refused records. `store` and `deadLetter` throw on a
 * transient failure and are retried separately by the transport, so each counts its metrics
 * once, when it succeeds. Kafka (offsets, pauses, commits) is not its business.
 */
@Injectable()
export class IngestionService {
  private readonly logger = new Logger(IngestionService.name);
  private readonly parseOptions: ParseOptions;
  private readonly isDebugEnabled: boolean;

  constructor(
    @Inject(StatusBatchWriter) private readonly writer: Pick<StatusBatchWriter, 'write'>,
    @Inject(DeadLetterPublisher) private readonly deadLetters: Pick<DeadLetterPublisher, 'publish'>,
    private readonly metrics: IngesterMetricsService,
    private readonly recorder: StoredStatusRecorder,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.parseOptions = {
      requestIdLength: config.get('VALIDATE_REQUEST_ID_LENGTH', { infer: true }),
    };
    this.isDebugEnabled = ['debug', 'trace'].includes(config.get('LOG_LEVEL', { infer: true }));
  }

  /** Parses every record; counts the batch, and logs and counts each refused record by reason. */
  parse(batch: PartitionBatch): ParsedStatusBatch {
    const { topic, partition, records } = batch;
    this.metrics.consumedMessages.inc(records.length);
    this.metrics.batchSize.observe(records.length);
    const parsed: ParsedStatusBatch = { accepted: [], refused: [] };
    for (const record of records) {
      const result = parseStatusMessage(record.value, this.parseOptions);
      if (result.ok) {
        parsed.accepted.push(result.message);
        if (this.isDebugEnabled) {
          this.logger.debug({
            msg: 'status consumed',
            topic,
            partition,
            offset: record.offset,
            requestId: result.message.requestId,
          });
        }
        continue;
      }
      this.metrics.invalidMessages.inc({ reason: result.reason });
      this.logger.warn({
        msg: 'invalid message',
        topic,
        partition,
        offset: record.offset,
        reason: result.reason,
        ...refusedMessageFields(record),
      });
      parsed.refused.push({
        topic,
        partition,
        offset: record.offset,
        key: record.key,
        value: record.value,
        headers: record.headers,
        reason: result.reason,
        detail: result.detail,
      });
    }
    return parsed;
  }

  /**
   * Stores the statuses in one write and records what was stored. A failure is counted in
   * `db_errors_total` and thrown; writing the same statuses again is safe (duplicates are
   * recognised).
   */
  async store(statuses: readonly StatusMessage[]): Promise<void> {
    if (statuses.length === 0) {
      return;
    }
    const stopTimer = this.metrics.batchWriteSeconds.startTimer();
    let result: StatusBatchWriteResult;
    try {
      result = await this.writer.write(statuses);
    } catch (error: unknown) {
      this.metrics.dbErrors.inc();
      throw error;
    }
    stopTimer();
    await this.recorder.record(statuses, result);
  }

  /**
   * Publishes the refused records to the dead-letter topic (resolves once acks = all), in
   * requests sized to the broker's limits. A failure is counted in `consume_errors_total` and
   * thrown; given the same `progress` again, the retry sends only what was not accepted yet.
   */
  async deadLetter(
    refused: readonly DeadLetter[],
    progress: DeadLetterProgress = { published: 0 },
  ): Promise<void> {
    if (refused.length === 0) {
      return;
    }
    try {
      await this.deadLetters.publish(refused, progress);
    } catch (error: unknown) {
      this.metrics.consumeErrors.inc();
      throw error;
    }
  }
}
