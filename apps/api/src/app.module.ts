import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import type { Logger } from 'pino';

import { PROCESS_LOGGER, environmentModule } from '@payload-tracker/platform';

import { ApiExceptionFilter } from './common/api-exception.filter';
import { ApiValidationPipe } from './common/api-validation.pipe';
import type { EnvironmentVariables } from './config/environment-variables';
import { DatabaseModule } from './database/database.module';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { LinksModule } from './links/links.module';
import { MetricsModule } from './metrics/metrics.module';
import { PayloadsModule } from './payloads/payloads.module';
import { rateLimitOptions } from './rate-limit/rate-limit.options';
import { StatsModule } from './stats/stats.module';
import { StatusesModule } from './statuses/statuses.module';

/** The query API, over an environment validated once and the process's root logger. */
@Module({})
export class AppModule {
  static forRoot(environment: EnvironmentVariables, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        environmentModule(environment),
        ThrottlerModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService<EnvironmentVariables, true>) =>
            rateLimitOptions(config.get('MAX_REQUESTS_PER_MINUTE', { infer: true })),
        }),
        MetricsModule,
        DatabaseModule,
        HealthModule,
        PayloadsModule,
        StatusesModule,
        LinksModule,
        StatsModule,
        EventsModule,
      ],
      providers: [
        { provide: PROCESS_LOGGER, useValue: logger },
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        { provide: APP_PIPE, useClass: ApiValidationPipe },
      ],
      exports: [PROCESS_LOGGER],
    };
  }
}
