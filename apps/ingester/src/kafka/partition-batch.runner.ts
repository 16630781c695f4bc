import { Logger } from '@nestjs/common';
import type { Batch, EachBatchPayload, KafkaMessage } from 'kafkajs';

import type { BatchRecord, PartitionBatch, PartitionBatchHandler } from './partition-batch';
import { backoffDelayMs } from './retry-backoff';

/** Longest single sleep between heartbeats while backing off (well under the session timeout). */
const HEARTBEAT_SLICE_MS = 1000;

/** kafkajs error types meaning this member lost its partitions: retrying the commit is pointless. */
const REBALANCE_ERROR_TYPES: ReadonlySet<string> = new Set([
  'REBALANCE_IN_PROGRESS',
  'ILLEGAL_GENERATION',
  'UNKNOWN_MEMBER_ID',
]);

/** The parts of kafkajs's `EachBatchPayload` the runner uses. */
export type PartitionBatchPayload = Pick<
  EachBatchPayload,
  'resolveOffset' | 'heartbeat' | 'pause' | 'commitOffsetsIfNecessary' | 'isRunning' | 'isStale'
> & {
  batch: Pick<Batch, 'topic' | 'partition' | 'highWatermark'> & {
    messages: readonly Pick<KafkaMessage, 'offset' | 'key' | 'value' | 'headers'>[];
  };
};

/** Where a committed partition stands. */
export interface PartitionProgress {
  topic: string;
  partition: number;
  /** High-water mark of the batch minus the offset just committed. */
  lag: number;
}

/** One partition of one topic. */
export interface PartitionRef {
  topic: string;
  partition: number;
}

/** What the runner reports (to metrics and the stall monitor) besides its logs. */
export interface PartitionBatchListener {
  committed(progress: PartitionProgress): void;
  /** A commit attempt failed; it is retried, or the batch given up when the partition was lost. */
  commitFailed(error: unknown): void;
  /** An attempt (the handler, a step or the commit) failed and is retried after a backoff. */
  retrying(partition: PartitionRef): void;
  /** The batch was given up uncommitted (shutdown, stale batch, partition lost). */
  abandoned(partition: PartitionRef): void;
}

export interface PartitionBatchRunnerOptions {
  /** Cap of the exponential backoff between two attempts of a failed step. */
  maxBackoffMs: number;
  listener: PartitionBatchListener;
  /** Jitter source in [0, 1); `Math.random` outside tests. */
  random?: () => number;
}

type Outcome<T> = { isDone: true; value: T } | { isDone: false };

/** How a failed attempt is treated: tried again after a backoff, or the batch given up. */
type FailureVerdict = 'retry' | 'abandon';

function describeError(error: unknown): string {
  if (error instanceof Error) {
    return error.message;
  }
  if (typeof error === 'object' && error !== null && 'message' in error) {
    return String(error.message);
  }
  return String(error);
}

function isRebalanceError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'type' in error &&
    typeof error.type === 'string' &&
    REBALANCE_ERROR_TYPES.has(error.type)
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function toRecord(message: PartitionBatchPayload['batch']['messages'][number]): BatchRecord {
  return {
    offset: message.offset,
    key: message.key,
    value: message.value,
    headers: message.headers,
  };
}

/**
 * Runs one kafkajs batch of one partition through a handler, owning every Kafka mechanic: the
 * handler (and each step it returns) is retried until it succeeds, with the partition paused,
 * capped exponential backoff with jitter, and heartbeats every second while waiting. Shutdown,
 * a stale batch or a lost partition abandons the batch uncommitted (it is delivered again).
 * Once the work is done, the offset after the batch is committed (retried the same way; a
 * rebalance error means the partition is gone and the new owner redoes the batch), resolved,
 * and the lag reported.
 */
export class PartitionBatchRunner {
  private readonly logger = new Logger(PartitionBatchRunner.name);

  constructor(private readonly options: PartitionBatchRunnerOptions) {}

  async run(payload: PartitionBatchPayload, handle: PartitionBatchHandler): Promise<void> {
    const { topic, partition, highWatermark, messages } = payload.batch;
    const first = messages[0];
    const last = messages[messages.length - 1];
    if (first === undefined || last === undefined) {
      return;
    }
    const batch: PartitionBatch = { topic, partition, records: messages.map(toRecord) };
    const attempt = <T>(
      step: string,
      action: () => Promise<T>,
      onFailure?: (error: unknown) => FailureVerdict,
    ): Promise<Outcome<T>> =>
      this.untilDone(payload, { step, topic, partition, offset: first.offset }, action, onFailure);

    const handled = await attempt('handle', () => handle(batch));
    if (!handled.isDone) {
      return;
    }
    for (const step of handled.value ?? []) {
      if (!(await attempt(step.name, () => step.run())).isDone) {
        return;
      }
    }
    const nextOffset = (BigInt(last.offset) + 1n).toString();
    const committed = await attempt(
      'commit',
      () =>
        payload.commitOffsetsIfNecessary({
          topics: [{ topic, partitions: [{ partition, offset: nextOffset }] }],
        }),
      (error) => {
        this.options.listener.commitFailed(error);
        if (!isRebalanceError(error)) {
          return 'retry';
        }
        this.logger.warn({
          msg: 'partition lost before commit; batch will be redelivered',
          topic,
          partition,
          offset: first.offset,
        });
        return 'abandon';
      },
    );
    if (!committed.isDone) {
      return;
    }
    payload.resolveOffset(last.offset);
    this.options.listener.committed({
      topic,
      partition,
      lag: Number(BigInt(highWatermark) - BigInt(nextOffset)),
    });
  }

  /**
   * Runs `action` until it succeeds; `isDone: false` when the batch must be abandoned
   * (shutting down, stale, or the partition was taken away). The partition stays paused from
   * the first failure until this returns.
   */
  private async untilDone<T>(
    payload: PartitionBatchPayload,
    where: { step: string; topic: string; partition: number; offset: string },
    action: () => Promise<T>,
    onFailure: (error: unknown) => FailureVerdict = () => 'retry',
  ): Promise<Outcome<T>> {
    let resume: (() => void) | undefined;
    try {
      for (let attempt = 1; ; attempt += 1) {
        try {
          const value = await action();
          if (attempt > 1) {
            this.logger.log({ msg: 'batch step succeeded after retries', ...where, attempt });
          }
          return { isDone: true, value };
        } catch (error: unknown) {
          if (onFailure(error) === 'abandon') {
            this.options.listener.abandoned({ topic: where.topic, partition: where.partition });
            return { isDone: false };
          }
          this.options.listener.retrying({ topic: where.topic, partition: where.partition });
          const delayMs = backoffDelayMs(attempt, this.options.maxBackoffMs, this.options.random);
          this.logger.warn({
            msg: 'batch step failed; retrying',
            ...where,
            attempt,
            delayMs,
            error: describeError(error),
          });
          resume ??= payload.pause();
          if (!(await this.backOff(payload, delayMs))) {
            this.logger.log({ msg: 'batch abandoned uncommitted', ...where });
            this.options.listener.abandoned({ topic: where.topic, partition: where.partition });
            return { isDone: false };
          }
        }
      }
    } finally {
      resume?.();
    }
  }

  /** Sleeps `delayMs` in slices, heartbeating; false when the batch must be abandoned. */
  private async backOff(payload: PartitionBatchPayload, delayMs: number): Promise<boolean> {
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
        this.logger.debug({
          msg: 'heartbeat failed while backing off',
          error: describeError(error),
        });
      }
    }
    return false;
  }
}
