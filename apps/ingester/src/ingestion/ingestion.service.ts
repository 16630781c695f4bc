import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EachBatchPayload, KafkaMessage } from 'kafkajs';

import { StatusBatchWriter } from '@payload-tracker/entities';
import type { ParseOptions, StatusMessage } from '@payload-tracker/status-lifecycle';
import { parseStatusMessage } from '@payload-tracker/status-lifecycle';

import type { EnvironmentVariables } from '../config/environment-variables';
import type { DeadLetter } from '../dead-letter/dead-letter.publisher';
import { DeadLetterPublisher } from '../dead-letter/dead-letter.publisher';
import { IngesterMetricsService } from '../metrics/ingester-metrics.service';
import { backoffDelayMs } from './retry-backoff';
import { StoredStatusRecorder } from './stored-status.recorder';

/** Longest single sleep between heartbeats while backing off (well under the session timeout). */
const HEARTBEAT_SLICE_MS = 1000;

/** kafkajs error types meaning this member lost its partitions: retrying the commit is pointless. */
const REBALANCE_ERROR_TYPES = new Set([
  'REBALANCE_IN_PROGRESS',
  'ILLEGAL_GENERATION',
  'UNKNOWN_MEMBER_ID',
]);

type Step = 'write' | 'dead-letter' | 'commit';

interface SortedBatch {
  valid: StatusMessage[];
  invalid: DeadLetter[];
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isRebalanceError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    REBALANCE_ERROR_TYPES.has(String((error as { type?: unknown }).type))
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Handles one Kafka batch of one partition: parse every message, store the valid ones in one
 * database write, publish the refused ones to the dead-letter topic, and only then commit the
 * offset after the batch. A transient failure pauses the partition and retries the failed step
 * with capped exponential backoff (heartbeating), never skipping; shutdown or loss of the
 * partition abandons the batch uncommitted, so it is delivered again and rewritten idempotently.
 */
@Injectable()
export class IngestionService {
  private readonly logger = new Logger(IngestionService.name);
  private readonly parseOptions: ParseOptions;
  private readonly maxBackoffMs: number;
  private readonly isDebugEnabled: boolean;

  constructor(
    private readonly writer: StatusBatchWriter,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly metrics: IngesterMetricsService,
    private readonly recorder: StoredStatusRecorder,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.parseOptions = {
      requestIdLength: config.get('VALIDATE_REQUEST_ID_LENGTH', { infer: true }),
    };
    this.maxBackoffMs = config.get('RETRY_MAX_BACKOFF_MS', { infer: true });
    this.isDebugEnabled = ['debug', 'trace'].includes(config.get('LOG_LEVEL', { infer: true }));
  }

  async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { topic, partition, messages, highWatermark } = payload.batch;
    const last = messages[messages.length - 1];
    if (last === undefined) {
      return;
    }
    this.metrics.consumedMessages.inc(messages.length);
    this.metrics.batchSize.observe(messages.length);
    const { valid, invalid } = this.sort(topic, partition, messages);

    const stored = await this.retry(payload, 'write', () => this.store(valid));
    if (!stored) {
      return;
    }
    const published = await this.retry(payload, 'dead-letter', () =>
      this.deadLetters.publish(invalid),
    );
    if (!published) {
      return;
    }
    const nextOffset = (BigInt(last.offset) + 1n).toString();
    const committed = await this.retry(payload, 'commit', () =>
      payload.commitOffsetsIfNecessary({
        topics: [{ topic, partitions: [{ partition, offset: nextOffset }] }],
      }),
    );
    if (!committed) {
      return;
    }
    payload.resolveOffset(last.offset);
    this.metrics.consumerLag.set(
      { partition: String(partition) },
      Number(BigInt(highWatermark) - BigInt(nextOffset)),
    );
  }

  private sort(topic: string, partition: number, messages: readonly KafkaMessage[]): SortedBatch {
    const sorted: SortedBatch = { valid: [], invalid: [] };
    for (const message of messages) {
      const result = parseStatusMessage(message.value, this.parseOptions);
      if (result.ok) {
        sorted.valid.push(result.message);
        if (this.isDebugEnabled) {
          this.logger.debug({
            msg: 'status consumed',
            topic,
            partition,
            offset: message.offset,
            request_id: result.message.requestId,
          });
        }
        continue;
      }
      this.metrics.invalidMessages.inc({ reason: result.reason });
      this.logger.warn({
        msg: 'invalid message',
        topic,
        partition,
        offset: message.offset,
        reason: result.reason,
      });
      sorted.invalid.push({
        topic,
        partition,
        offset: message.offset,
        key: message.key,
        value: message.value,
        headers: message.headers,
        reason: result.reason,
        detail: result.detail,
      });
    }
    return sorted;
  }

  private async store(messages: readonly StatusMessage[]): Promise<void> {
    if (messages.length === 0) {
      return;
    }
    const stopTimer = this.metrics.batchWriteSeconds.startTimer();
    const result = await this.writer.write(messages);
    stopTimer();
    await this.recorder.record(messages, result);
  }

  /**
   * Runs `action` until it succeeds. Returns false when the batch must be abandoned
   * (shutting down, or the partition was taken away), true once done.
   */
  private async retry(
    payload: EachBatchPayload,
    step: Step,
    action: () => Promise<void>,
  ): Promise<boolean> {
    const { topic, partition } = payload.batch;
    const offset = payload.batch.firstOffset();
    let resume: (() => void) | undefined;
    try {
      for (let attempt = 1; ; attempt += 1) {
        try {
          await action();
          if (attempt > 1) {
            this.logger.log({
              msg: 'batch step succeeded after retries',
              step,
              topic,
              partition,
              offset,
              attempt,
            });
          }
          return true;
        } catch (error: unknown) {
          (step === 'write' ? this.metrics.dbErrors : this.metrics.consumeErrors).inc();
          if (step === 'commit' && isRebalanceError(error)) {
            this.logger.warn({
              msg: 'partition lost before commit; batch will be redelivered',
              topic,
              partition,
              offset,
            });
            return false;
          }
          const delayMs = backoffDelayMs(attempt, this.maxBackoffMs);
          this.logger.warn({
            msg: 'batch step failed; retrying',
            step,
            topic,
            partition,
            offset,
            attempt,
            delayMs,
            error: describeError(error),
          });
          resume ??= payload.pause();
          if (!(await this.backOff(payload, delayMs))) {
            this.logger.log({ msg: 'batch abandoned uncommitted', step, topic, partition, offset });
            return false;
          }
        }
      }
    } finally {
      resume?.();
    }
  }

  /** Sleeps `delayMs` in slices, heartbeating; false when the batch must be abandoned. */
  private async backOff(payload: EachBatchPayload, delayMs: number): Promise<boolean> {
    const until = Date.now() + delayMs;
    while (payload.isRunning() && !payload.isStale()) {
      const left = until - Date.now();
      if (left <= 0) {
        return true;
      }
      await sleep(Math.min(left, HEARTBEAT_SLICE_MS));
      try {
        await payload.heartbeat();
      } catch (error: unknown) {
        if (isRebalanceError(error)) {
          return false;
        }
        // The broker may be the thing that is down: keep waiting, the next attempt will tell.
      }
    }
    return false;
  }
}
