import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService } from '@nestjs/terminus';
import type { HealthIndicatorResult } from '@nestjs/terminus';
import { HealthIndicatorService } from '@nestjs/terminus';

import { DatabaseHealthIndicator } from '@payload-tracker/platform';
import type { OpsResponse } from '@payload-tracker/platform';

import { ConsumerMembershipService } from '../kafka/consumer-membership.service';
import { PartitionStallMonitor } from '../kafka/partition-stall.monitor';

/**
 * The ingester's probes, served on `METRICS_PORT` by the operations listener in terminus's JSON:
 * live while the process and its event loop run; ready while PostgreSQL answers, the
 * consumer is in its group, and no partition is stalled (a batch failing for longer than
 * `PARTITION_STALL_THRESHOLD_MS`).
 */
@Injectable()
export class IngesterHealthService {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly database: DatabaseHealthIndicator,
    private readonly consumer: ConsumerMembershipService,
    private readonly stalls: PartitionStallMonitor,
  ) {}

  live(): Promise<OpsResponse> {
    return this.answer([]);
  }

  ready(): Promise<OpsResponse> {
    return this.answer([
      () => this.database.check(),
      () => this.checkConsumer(),
      () => this.checkPartitions(),
    ]);
  }

  private checkPartitions(): HealthIndicatorResult {
    const check = this.indicators.check('partitions');
    const stalled = this.stalls.stalled();
    if (stalled.length === 0) {
      return check.up();
    }
    const named = stalled
      .map(
        ({ topic, partition, retryingSeconds }) => `${topic}/${partition} (${retryingSeconds} s)`,
      )
      .join(', ');
    return check.down({ message: `stalled, its batch failing: ${named}`, stalled });
  }

  private checkConsumer(): HealthIndicatorResult {
    const check = this.indicators.check('kafka');
    return this.consumer.isJoined()
      ? check.up({ partitions: this.consumer.assignedPartitions() })
      : check.down({ message: 'consumer group not joined' });
  }

  private async answer(
    checks: (() => Promise<HealthIndicatorResult> | HealthIndicatorResult)[],
  ): Promise<OpsResponse> {
    try {
      return { status: 200, body: await this.health.check(checks) };
    } catch (error: unknown) {
      if (error instanceof ServiceUnavailableException) {
        return { status: 503, body: error.getResponse() };
      }
      throw error;
    }
  }
}
