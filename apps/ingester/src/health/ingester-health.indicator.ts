import { Injectable } from '@nestjs/common';
import type { HealthIndicatorResult } from '@nestjs/terminus';
import { HealthIndicatorService } from '@nestjs/terminus';

import { DatabaseHealthService } from '../database/database-health.service';
import { ConsumerMembershipService } from '../kafka/consumer-membership.service';

/** Readiness parts: PostgreSQL answers, and the consumer is in its group. */
@Injectable()
export class IngesterHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly database: DatabaseHealthService,
    private readonly consumer: ConsumerMembershipService,
  ) {}

  async checkDatabase(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('database');
    return (await this.database.isReachable())
      ? check.up()
      : check.down({ message: 'database unreachable' });
  }

  checkConsumer(): HealthIndicatorResult {
    const check = this.indicators.check('kafka');
    return this.consumer.isJoined()
      ? check.up({ partitions: this.consumer.assignedPartitions() })
      : check.down({ message: 'consumer group not joined' });
  }
}
