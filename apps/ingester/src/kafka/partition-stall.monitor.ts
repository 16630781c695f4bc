import { Logger } from '@nestjs/common';

/** A partition whose batch has kept failing for longer than the threshold. */
export interface StalledPartition {
  topic: string;
  partition: number;
  /** Since the first failed attempt of the batch in hand. */
  retryingSeconds: number;
}

interface Failing {
  topic: string;
  partition: number;
  sinceMs: number;
  isReported: boolean;
}

/**
 * Which of this member's partitions are stuck: a partition's batch that keeps failing (a step
 * or its commit, retried by the runner) for longer than `PARTITION_STALL_THRESHOLD_MS` is
 * stalled until the partition moves again (an offset committed) or is given up (rebalance,
 * shutdown). Written by the runner, read by readiness and the `stalled_partitions` gauge.
 */
export class PartitionStallMonitor {
  private readonly logger = new Logger(PartitionStallMonitor.name);
  private readonly failing = new Map<string, Failing>();

  /**
   * @param thresholdMs - `PARTITION_STALL_THRESHOLD_MS`
   * @param now - the clock; `Date.now` outside tests
   */
  constructor(
    private readonly thresholdMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** An attempt failed and is retried: the clock starts at the first failure of the batch. */
  retrying(topic: string, partition: number): void {
    const id = `${topic}/${partition}`;
    const now = this.now();
    const failing = this.failing.get(id) ?? { topic, partition, sinceMs: now, isReported: false };
    this.failing.set(id, failing);
    if (!failing.isReported && now - failing.sinceMs > this.thresholdMs) {
      failing.isReported = true;
      this.logger.error({
        msg: 'partition stalled: its batch keeps failing',
        topic,
        partition,
        retryingSeconds: Math.round((now - failing.sinceMs) / 1000),
      });
    }
  }

  /** The partition moved (an offset was committed) or this member let its batch go. */
  settled(topic: string, partition: number): void {
    const failing = this.failing.get(`${topic}/${partition}`);
    if (failing === undefined) {
      return;
    }
    this.failing.delete(`${topic}/${partition}`);
    if (failing.isReported) {
      this.logger.log({ msg: 'partition no longer stalled', topic, partition });
    }
  }

  /** The stalled partitions, by topic and partition. */
  stalled(): StalledPartition[] {
    const now = this.now();
    return [...this.failing.values()]
      .filter((failing) => now - failing.sinceMs > this.thresholdMs)
      .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition)
      .map((failing) => ({
        topic: failing.topic,
        partition: failing.partition,
        retryingSeconds: Math.round((now - failing.sinceMs) / 1000),
      }));
  }
}
