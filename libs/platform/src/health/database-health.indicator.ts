import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { HealthIndicatorResult } from '@nestjs/terminus';

import { DatabaseHealthCheck } from '../database/database-health.check';

/** The `database` part of a readiness answer (terminus's shape), from {@link DatabaseHealthCheck}. */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly database: DatabaseHealthCheck,
  ) {}

  /** `{ database: { status: 'up' } }`, or `down` with a message when it does not answer in time. */
  async check(): Promise<HealthIndicatorResult<'database'>> {
    const check = this.indicators.check('database');
    return (await this.database.isReachable())
      ? check.up()
      : check.down({ message: 'database unreachable' });
  }
}
