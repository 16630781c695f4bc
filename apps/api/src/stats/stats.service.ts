import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import type { EnvironmentVariables } from '../config/environment-variables';
import type { OutcomeGaugeValues } from '../metrics/outcome-gauges';
import type { ServiceStatsQueryDto } from './dto/service-stats-query.dto';
import type { ServiceStatsDto } from './dto/service-stats.dto';
import { toServiceStatsDto } from './service-stats.mapper';
import { resolveStatsWindow } from './stats-window';
import { StatsRepository } from './stats.repository';

/** Per-service health over a window. */
@Injectable()
export class StatsService {
  private readonly retentionDays: number;
  private readonly stalledAfterMinutes: number;

  constructor(
    private readonly stats: StatsRepository,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.retentionDays = config.get('RETENTION_DAYS', { infer: true });
    this.stalledAfterMinutes = config.get('STALLED_AFTER_MINUTES', { infer: true });
  }

  /** @throws ApiError `invalid_parameter` for a window out of bounds */
  async services(query: ServiceStatsQueryDto): Promise<ServiceStatsDto> {
    const window = resolveStatsWindow({
      since: query.since,
      until: query.until,
      now: await this.stats.databaseNow(),
      retentionDays: this.retentionDays,
    });
    const [rows, totals] = await Promise.all([
      this.stats.serviceStats(window, this.stalledAfterMinutes),
      this.stats.stateTotals(window, this.stalledAfterMinutes),
    ]);
    return toServiceStatsDto(window, rows, totals);
  }

  /** The payload gauges: the last `RETENTION_DAYS` by state, and the stalled ones by service. */
  async gaugeValues(): Promise<OutcomeGaugeValues> {
    const [states, stalled] = await Promise.all([
      this.stats.payloadStateGauges(this.retentionDays, this.stalledAfterMinutes),
      this.stats.stalledByService(this.retentionDays, this.stalledAfterMinutes),
    ]);
    return {
      payloads: {
        succeeded: Number(states?.succeeded ?? 0),
        failed: Number(states?.failed ?? 0),
        in_progress: Number(states?.in_progress ?? 0),
        stalled: Number(states?.stalled ?? 0),
      },
      stalledByService: stalled.map((row) => ({
        service: row.service,
        source: row.source,
        stalled: Number(row.stalled),
      })),
    };
  }
}
