import { Controller, Get, Header, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import type { HealthCheckResult } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';

import { DatabaseHealthIndicator } from '@payload-tracker/platform';

import { API_ERROR_CODES, ApiError } from '../common/api-error';
import { ReadDatabase } from '../database/read-database';

/**
 * Probes: `/health` (plain `OK`), `/health/live`, `/health/ready` (terminus JSON). Never rate
 * limited. Readiness checks the primary (`database`) and, with `DATABASE_READ_URL`, the replica
 * the statements run on (`read_database`).
 */
@ApiExcludeController()
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly read: ReadDatabase,
  ) {}

  @Get()
  @Header('content-type', 'text/plain; charset=utf-8')
  async overall(): Promise<string> {
    try {
      await this.readiness();
    } catch (error: unknown) {
      throw new ApiError(API_ERROR_CODES.databaseUnavailable, 'The database does not answer', {
        cause: error,
      });
    }
    return 'OK';
  }

  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    try {
      return await this.readiness();
    } catch (error: unknown) {
      // Keep terminus's JSON on 503 so probes and humans see which check failed.
      if (error instanceof ServiceUnavailableException) {
        void reply.status(503);
        return error.getResponse();
      }
      throw error;
    }
  }

  private readiness(): Promise<HealthCheckResult> {
    const replica = this.read.replicaHealth;
    return this.health.check([
      () => this.database.check(),
      ...(replica === null ? [] : [() => this.database.checkOther('read_database', replica)]),
    ]);
  }
}
