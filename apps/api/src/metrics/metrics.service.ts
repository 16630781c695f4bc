import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { EnvironmentVariables } from '../config/environment-variables';

const METRIC_PREFIX = 'payload_tracker_';

/** The api's Prometheus registry (its own, so several app instances in one process never clash). */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: `${METRIC_PREFIX}http_requests_total`,
    help: 'HTTP requests answered, by method, route template and status code',
    labelNames: ['method', 'route', 'code'] as const,
    registers: [this.registry],
  });

  readonly httpRequestSeconds = new Histogram({
    name: `${METRIC_PREFIX}http_request_seconds`,
    help: 'Time to answer an HTTP request, by method and route template',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly dbQuerySeconds = new Histogram({
    name: `${METRIC_PREFIX}db_query_seconds`,
    help: 'Time of each database query, by query name',
    labelNames: ['query'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  constructor(config: ConfigService<EnvironmentVariables, true>) {
    collectDefaultMetrics({ register: this.registry, prefix: METRIC_PREFIX });
    new Gauge({
      name: `${METRIC_PREFIX}build_info`,
      help: 'Always 1; labels say which build runs',
      labelNames: ['version', 'node_version', 'process'] as const,
      registers: [this.registry],
    }).set(
      {
        version: config.get('BUILD_VERSION', { infer: true }),
        node_version: process.version,
        process: 'api',
      },
      1,
    );
  }
}
