import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import { stdTimeFunctions } from 'pino';

import type { EnvironmentVariables } from './config/environment-variables';
import { validateEnvironment } from './config/environment-variables';
import { HealthModule } from './health/health.module';
import { IngestionModule } from './ingestion/ingestion.module';
import { ConsumerGroupModule } from './kafka/consumer-group.module';
import { KafkaClientModule } from './kafka/kafka-client.module';
import { MetricsModule } from './metrics/metrics.module';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, cache: true, validate: validateEnvironment }),
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<EnvironmentVariables, true>) => ({
        pinoHttp: {
          level: config.get('LOG_LEVEL', { infer: true }),
          // Probes and scrapes every few seconds are not worth a line each.
          autoLogging: false,
          base: { process: 'payload-tracker-ingester' },
          timestamp: stdTimeFunctions.isoTime,
          formatters: { level: (label: string) => ({ level: label }) },
          redact: ['req.headers.authorization', 'req.headers.cookie'],
        },
      }),
    }),
    KafkaClientModule,
    ConsumerGroupModule,
    MetricsModule,
    HealthModule,
    IngestionModule,
  ],
})
export class AppModule {}
