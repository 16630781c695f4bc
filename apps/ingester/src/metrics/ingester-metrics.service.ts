import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

import type { EnvironmentVariables } from '../config/environment-variables';

/** Batch sizes up to the largest a 1 MiB partition fetch can hold. */
const BATCH_SIZE_BUCKETS = [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000];
const BATCH_WRITE_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Service spans go from milliseconds to hours (a stuck payload). */
const SERVICE_DURATION_BUCKETS = [
  0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900, 3600, 14_400,
];

/** `undefined` as in the domain's group keys, so dashboards match the API's durations. */
export const NO_SOURCE_LABEL = 'undefined';

/** The ingester's Prometheus metrics (names in docs/operations), in one registry served on `/metrics`. */
@Injectable()
export class IngesterMetricsService {
  readonly registry = new Registry();

  readonly consumedMessages = new Counter({
    name: 'payload_tracker_consumed_messages_total',
    help: 'Messages read from Kafka.',
    registers: [this.registry],
  });

  readonly storedStatuses = new Counter({
    name: 'payload_tracker_stored_statuses_total',
    help: 'Status rows written.',
    registers: [this.registry],
  });

  readonly duplicateMessages = new Counter({
    name: 'payload_tracker_duplicate_messages_total',
    help: 'Redelivered messages recognised and skipped.',
    registers: [this.registry],
  });

  readonly invalidMessages = new Counter({
    name: 'payload_tracker_invalid_messages_total',
    help: 'Refused messages, sent to the dead-letter topic, by reason.',
    labelNames: ['reason'],
    registers: [this.registry],
  });

  readonly consumeErrors = new Counter({
    name: 'payload_tracker_consume_errors_total',
    help: 'Failed attempts to handle a batch (retried).',
    registers: [this.registry],
  });

  readonly dbErrors = new Counter({
    name: 'payload_tracker_db_errors_total',
    help: 'Failed database writes (retried).',
    registers: [this.registry],
  });

  readonly batchSize = new Histogram({
    name: 'payload_tracker_batch_size',
    help: 'Messages per Kafka batch.',
    buckets: BATCH_SIZE_BUCKETS,
    registers: [this.registry],
  });

  readonly batchWriteSeconds = new Histogram({
    name: 'payload_tracker_batch_write_seconds',
    help: 'Time to store one batch in PostgreSQL.',
    buckets: BATCH_WRITE_BUCKETS,
    registers: [this.registry],
  });

  readonly consumerLag = new Gauge({
    name: 'payload_tracker_consumer_lag',
    help: 'High-water mark minus committed offset, per partition.',
    labelNames: ['partition'],
    registers: [this.registry],
  });

  readonly serviceStatuses = new Counter({
    name: 'payload_tracker_service_status_total',
    help: 'Stored statuses per service, status and source.',
    labelNames: ['service', 'status', 'source'],
    registers: [this.registry],
  });

  readonly serviceDurationSeconds = new Histogram({
    name: 'payload_tracker_service_duration_seconds',
    help: 'Span of a service for a payload (earliest status to success or error), observed when it closes.',
    labelNames: ['service', 'source'],
    buckets: SERVICE_DURATION_BUCKETS,
    registers: [this.registry],
  });

  constructor(config: ConfigService<EnvironmentVariables, true>) {
    collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: 'payload_tracker_build_info',
      help: 'Always 1; labels say what is running.',
      labelNames: ['version', 'node_version', 'process'],
      registers: [this.registry],
    }).set(
      {
        version: config.get('BUILD_VERSION', { infer: true }),
        node_version: process.version,
        process: 'ingester',
      },
      1,
    );
  }
}
