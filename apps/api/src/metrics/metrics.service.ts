import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Counter, Gauge, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';

import { METRIC_PREFIX, createMetricsRegistry } from '@payload-tracker/platform';

import type { EnvironmentVariables } from '../config/environment-variables';

/** The api's Prometheus registry (its own, so several app instances in one process never clash). */
@Injectable()
export class MetricsService {
  readonly registry: Registry;

  readonly httpRequests = new Counter({
    name: `${METRIC_PREFIX}http_requests_total`,
    help: 'HTTP requests answered, by method, route template and status code',
    labelNames: ['method', 'route', 'code'] as const,
    registers: [],
  });

  readonly httpRequestSeconds = new Histogram({
    name: `${METRIC_PREFIX}http_request_seconds`,
    help: 'Time to answer an HTTP request, by method and route template',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [],
  });

  readonly dbQuerySeconds = new Histogram({
    name: `${METRIC_PREFIX}db_query_seconds`,
    help: 'Time of each database query, by query name',
    labelNames: ['query'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [],
  });

  readonly eventStreams = new Gauge({
    name: `${METRIC_PREFIX}event_streams`,
    help: 'Open event streams (GET /payloads/{request_id}/events)',
    registers: [],
  });

  readonly eventsSent = new Counter({
    name: `${METRIC_PREFIX}events_sent_total`,
    help: 'Status events written to event streams',
    registers: [],
  });

  constructor(config: ConfigService<EnvironmentVariables, true>) {
    this.registry = createMetricsRegistry({
      process: 'api',
      version: config.get('BUILD_VERSION', { infer: true }),
    });
    this.registry.registerMetric(this.httpRequests);
    this.registry.registerMetric(this.httpRequestSeconds);
    this.registry.registerMetric(this.dbQuerySeconds);
    this.registry.registerMetric(this.eventStreams);
    this.registry.registerMetric(this.eventsSent);
  }
}
