import { Controller, Get } from '@nestjs/common';
import type { HealthCheckResult } from '@nestjs/terminus';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';

import { IngesterHealthIndicator } from './ingester-health.indicator';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: IngesterHealthIndicator,
  ) {}

  /** Answers while the process and its event loop run. */
  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  /** 503 while PostgreSQL is unreachable or the consumer is outside its group. */
  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.indicator.checkDatabase(),
      () => this.indicator.checkConsumer(),
    ]);
  }
}
