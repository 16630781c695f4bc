import { Controller, Get, Header } from '@nestjs/common';

import { IngesterMetricsService } from './ingester-metrics.service';

@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: IngesterMetricsService) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
