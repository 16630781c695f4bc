import type { PartitionRepository } from '../partitions/partition.repository';
import type { UtcDay } from '../partitions/partition-days';
import {
  ceilDay,
  daysToPrepare,
  floorDay,
  partitionName,
  retentionCutoffDay,
  selectExpiredPartitions,
  toUtcDay,
} from '../partitions/partition-days';
import { STATS_BUCKET_WIDTHS_MINUTES } from '../outcomes/maintain-outcomes.sql';
import { STATS_BUCKET_TABLES } from './retention.repository';
import type { PayloadCursor, RetentionRepository } from './retention.repository';

/** Retention settings (`RETENTION_DAYS`, `PARTITIONS_AHEAD_DAYS`, `RETENTION_DELETE_BATCH_SIZE`). */
export interface RetentionOptions {
  readonly retentionDays: number;
  readonly partitionsAheadDays: number;
  readonly deleteBatchSize: number;
  /** How long a partition drop may wait for its lock before giving up (default 10 s). */
  readonly lockTimeoutMs?: number;
}

/** What a run did, printed as JSON by the job. */
export interface RetentionSummary {
  readonly today: UtcDay;
  /** First day kept; everything before it is outside the window. */
  readonly cutoffDay: UtcDay;
  readonly createdPartitions: string[];
  readonly droppedPartitions: string[];
  readonly deletedPayloads: number;
  readonly deleteBatches: number;
  /** Rows of `service_stats_buckets` and `payload_state_buckets` older than the cutoff. */
  readonly deletedBuckets: number;
}

const DEFAULT_LOCK_TIMEOUT_MS = 10_000;

/**
 * Applies `RETENTION_DAYS`: prepares the coming days' partitions, drops expired partitions
 * (all of them, so missed runs catch up), deletes payloads left without a status in the
 * window and stats buckets that start before it, each in bounded batches. Every step is idempotent, so the job may run at any time, any number of times.
 */
export class RetentionService {
  constructor(
    private readonly partitions: PartitionRepository,
    private readonly payloads: RetentionRepository,
    private readonly options: RetentionOptions,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Runs the four steps in order and reports what changed. */
  async run(): Promise<RetentionSummary> {
    const now = this.now();
    const today = toUtcDay(now);
    const cutoffDay = retentionCutoffDay(now, this.options.retentionDays);

    const createdPartitions: string[] = [];
    for (const { start, stop } of daysToPrepare(today, this.options.partitionsAheadDays)) {
      if (await this.partitions.createPartition(start, stop)) {
        createdPartitions.push(partitionName(start, stop));
      }
    }

    const droppedPartitions: string[] = [];
    const expired = selectExpiredPartitions(await this.partitions.listPartitions(), cutoffDay);
    for (const partition of expired) {
      // Rounding outwards to whole days stays before the day-aligned cutoff, so it can only
      // ever cover other expired partitions.
      const dropped = await this.partitions.dropPartitions(
        floorDay(partition.from),
        ceilDay(partition.to),
        this.options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS,
      );
      droppedPartitions.push(...dropped);
    }

    const cutoff = `${cutoffDay}T00:00:00Z`;
    let cursor: PayloadCursor | null = null;
    let deletedPayloads = 0;
    let deleteBatches = 0;
    for (;;) {
      const batch = await this.payloads.deleteExpiredPayloadBatch(
        cutoff,
        cursor,
        this.options.deleteBatchSize,
      );
      if (batch.scanned === 0) break;
      deleteBatches += 1;
      deletedPayloads += batch.deleted;
      cursor = batch.next;
      if (batch.scanned < this.options.deleteBatchSize) break;
    }

    let deletedBuckets = 0;
    for (const table of STATS_BUCKET_TABLES) {
      for (;;) {
        const deleted = await this.payloads.deleteExpiredBucketBatch(
          table,
          cutoff,
          this.options.deleteBatchSize,
          STATS_BUCKET_WIDTHS_MINUTES,
        );
        deletedBuckets += deleted;
        if (deleted < this.options.deleteBatchSize) break;
      }
    }

    return {
      today,
      cutoffDay,
      createdPartitions,
      droppedPartitions: [...new Set(droppedPartitions)],
      deletedPayloads,
      deleteBatches,
      deletedBuckets,
    };
  }
}
