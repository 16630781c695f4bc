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
  check(): Promise<HealthIndicatorResult<'database'>> {
    return this.checkOther('database', this.database);
  }

  /**
   * The same answer for another database of the process (the api's read replica), under `key`:
   * `down` with the message `<key, spaces for underscores> unreachable`.
   */
  async checkOther<Key extends string>(
    key: Key,
    database: DatabaseHealthCheck,
  ): Promise<HealthIndicatorResult<Key>> {
    const check = this.indicators.check(key);
    return (await database.isReachable())
      ? check.up()
      : check.down({ message: `${key.replaceAll('_', ' ')} unreachable` });
  }
}
