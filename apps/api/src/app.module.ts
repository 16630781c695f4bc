import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { ApiExceptionFilter } from './common/api-exception.filter';
import { ApiValidationPipe } from './common/api-validation.pipe';
import { loggerOptions } from './common/logger-options';
import { validateEnvironment } from './config/environment-variables';
import type { EnvironmentVariables } from './config/environment-variables';
import type { EnvironmentOverrides } from './config/load-environment';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { LinksModule } from './links/links.module';
import { MetricsModule } from './metrics/metrics.module';
import { PayloadsModule } from './payloads/payloads.module';
import { rateLimitOptions } from './rate-limit/rate-limit.options';
import { StatusesModule } from './statuses/statuses.module';

/** What tests may set beyond the environment. */
export interface AppModuleOptions {
  /** Where log lines go instead of stdout. */
  readonly logDestination?: DestinationStream;
}

/** The query API. `forRoot(overrides)` lets tests run several instances with their own settings. */
@Module({})
export class AppModule {
  static forRoot(
    overrides: EnvironmentOverrides = {},
    options: AppModuleOptions = {},
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          cache: true,
          ignoreEnvFile: true,
          validate: (raw: Record<string, unknown>) => validateEnvironment({ ...raw, ...overrides }),
        }),
        LoggerModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService<EnvironmentVariables, true>) =>
            loggerOptions(config.get('LOG_LEVEL', { infer: true }), options.logDestination),
        }),
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
      ],
      providers: [
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        { provide: APP_PIPE, useClass: ApiValidationPipe },
      ],
    };
  }
}
