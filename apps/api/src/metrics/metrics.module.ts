import { Module } from '@nestjs/common';
import type { OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';

import { OpsHttpServer, PROCESS_LOGGER } from '@payload-tracker/platform';

import { MetricsService } from './metrics.service';

/** The api's Prometheus registry and its listener on `METRICS_PORT` (started by main.ts). */
@Module({
  providers: [
    MetricsService,
    {
      provide: OpsHttpServer,
      inject: [MetricsService, PROCESS_LOGGER],
      useFactory: (metrics: MetricsService, logger: Logger): OpsHttpServer =>
        new OpsHttpServer(metrics.registry, logger),
    },
  ],
  exports: [MetricsService, OpsHttpServer],
})
export class MetricsModule implements OnApplicationShutdown {
  constructor(private readonly server: OpsHttpServer) {}

  async onApplicationShutdown(): Promise<void> {
    await this.server.close();
  }
}
