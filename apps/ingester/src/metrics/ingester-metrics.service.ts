import { Injectable, Optional } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Counter, Gauge, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';

import { createMetricsRegistry } from '@payload-tracker/platform';

import type { EnvironmentVariables } from '../config/environment-variables';
import { PartitionStallMonitor } from '../kafka/partition-stall.monitor';

/** Batch sizes up to the largest a 1 MiB partition fetch can hold. */
const BATCH_SIZE_BUCKETS = [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000];
const BATCH_WRITE_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Service spans go from milliseconds to hours (a stuck payload). */
const SERVICE_DURATION_BUCKETS = [
  0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900, 3600, 14_400,
];

/** The ingester's Prometheus metrics (names in docs/operations), in one registry served on `/metrics`. */
@Injectable()
export class IngesterMetricsService {
  readonly registry: Registry;

  readonly consumedMessages = new Counter({
    name: 'payload_tracker_consumed_messages_total',
    help: 'Messages read from Kafka.',
    registers: [],
  });

  readonly storedStatuses = new Counter({
    name: 'payload_tracker_stored_statuses_total',
    help: 'Status rows written.',
    registers: [],
  });

  readonly duplicateMessages = new Counter({
    name: 'payload_tracker_duplicate_messages_total',
    help: 'Redelivered messages recognised and skipped.',
    registers: [],
  });

  readonly invalidMessages = new Counter({
    name: 'payload_tracker_invalid_messages_total',
    help: 'Refused messages, sent to the dead-letter topic, by reason.',
    labelNames: ['reason'],
    registers: [],
  });

  readonly consumeErrors = new Counter({
    name: 'payload_tracker_consume_errors_total',
    help: 'Failed attempts to handle a batch (retried).',
    registers: [],
  });

  readonly dbErrors = new Counter({
    name: 'payload_tracker_db_errors_total',
    help: 'Failed database writes (retried).',
    registers: [],
  });

  readonly batchSize = new Histogram({
    name: 'payload_tracker_batch_size',
    help: 'Messages per Kafka batch.',
    buckets: BATCH_SIZE_BUCKETS,
    registers: [],
  });

  readonly batchWriteSeconds = new Histogram({
    name: 'payload_tracker_batch_write_seconds',
    help: 'Time to store one batch in PostgreSQL.',
    buckets: BATCH_WRITE_BUCKETS,
    registers: [],
  });

  readonly consumerLag = new Gauge({
    name: 'payload_tracker_consumer_lag',
    help: 'High-water mark minus committed offset, per partition.',
    labelNames: ['partition'],
    registers: [],
  });

  readonly serviceStatuses = new Counter({
    name: 'payload_tracker_service_status_total',
    help: 'Stored statuses per service, status and source.',
    labelNames: ['service', 'status', 'source'],
    registers: [],
  });

  readonly serviceDurationSeconds = new Histogram({
    name: 'payload_tracker_service_duration_seconds',
    help: 'Span of a service for a payload (earliest status to success or error), observed when it closes.',
    labelNames: ['service', 'source'],
    buckets: SERVICE_DURATION_BUCKETS,
    registers: [],
  });

  /** Read at each scrape from the stall monitor (0 without one, in unit tests). */
  readonly stalledPartitions: Gauge;

  constructor(
    config: ConfigService<EnvironmentVariables, true>,
    @Optional() stalls?: PartitionStallMonitor,
  ) {
    this.stalledPartitions = new Gauge({
      name: 'payload_tracker_stalled_partitions',
      help: 'Partitions whose batch has kept failing for longer than PARTITION_STALL_THRESHOLD_MS.',
      registers: [],
      collect() {
        this.set(stalls?.stalled().length ?? 0);
      },
    });
    this.registry = createMetricsRegistry({
      process: 'ingester',
      version: config.get('BUILD_VERSION', { infer: true }),
    });
    this.registry.registerMetric(this.consumedMessages);
    this.registry.registerMetric(this.storedStatuses);
    this.registry.registerMetric(this.duplicateMessages);
    this.registry.registerMetric(this.invalidMessages);
    this.registry.registerMetric(this.consumeErrors);
    this.registry.registerMetric(this.dbErrors);
    this.registry.registerMetric(this.batchSize);
    this.registry.registerMetric(this.batchWriteSeconds);
    this.registry.registerMetric(this.consumerLag);
    this.registry.registerMetric(this.serviceStatuses);
    this.registry.registerMetric(this.serviceDurationSeconds);
    this.registry.registerMetric(this.stalledPartitions);
  }
}
