import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService } from '@nestjs/terminus';
import type { HealthIndicatorResult } from '@nestjs/terminus';
import { HealthIndicatorService } from '@nestjs/terminus';

import { DatabaseHealthIndicator } from '@payload-tracker/platform';
import type { OpsResponse } from '@payload-tracker/platform';

import { ConsumerMembershipService } from '../kafka/consumer-membership.service';

/**
 * The ingester's probes, served on `METRICS_PORT` by the operations listener in terminus's JSON:
 * live while the process and its event loop run; ready while PostgreSQL answers and the
 * consumer is in its group.
 */
@Injectable()
export class IngesterHealthService {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly database: DatabaseHealthIndicator,
    private readonly consumer: ConsumerMembershipService,
  ) {}

  live(): Promise<OpsResponse> {
    return this.answer([]);
  }

  ready(): Promise<OpsResponse> {
    return this.answer([() => this.database.check(), () => this.checkConsumer()]);
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
