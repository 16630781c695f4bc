import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';

import { ServiceEnvironmentVariables, readEnvironment, toBoolean } from '@payload-tracker/platform';
import type { EnvironmentOverrides } from '@payload-tracker/platform';

/** SASL mechanisms kafkajs supports without plug-ins. */
export const KAFKA_SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;

function hasSaslMechanism(settings: EnvironmentVariables): boolean {
  return settings.KAFKA_SASL_MECHANISM !== undefined;
}

/** Every variable the ingester reads, validated at boot; see the README's table. */
export class EnvironmentVariables extends ServiceEnvironmentVariables {
  /** Comma-separated `host:port` list. */
  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, {
    message: 'KAFKA_BROKERS must be a comma-separated list of host:port',
  })
  KAFKA_BROKERS = 'localhost:9092';

  @IsString()
  @IsNotEmpty()
  KAFKA_TOPIC = 'platform.payload-status';

  @IsString()
  @IsNotEmpty()
  KAFKA_DLQ_TOPIC = 'platform.payload-status.dlq';

  /**
   * Most bytes of one dead-letter produce request (records counted at their widest): kept
   * under the broker's `message.max.bytes` (default 1048588) and the DLQ topic's
   * `max.message.bytes`. A batch's refused messages are split into requests of this size; a
   * letter larger on its own is replaced by a stand-in.
   */
  @Type(() => Number)
  @IsInt()
  @Min(16 * 1024)
  @Max(64 * 1024 * 1024)
  KAFKA_DLQ_MAX_REQUEST_BYTES = 1_000_000;

  @IsString()
  @IsNotEmpty()
  KAFKA_GROUP_ID = 'payload-tracker';

  @IsString()
  @IsNotEmpty()
  KAFKA_CLIENT_ID = 'payload-tracker-ingester';

  @Transform(toBoolean)
  @IsBoolean()
  KAFKA_SSL = false;

  /** Path to a PEM file of CAs to trust (implies TLS). */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  KAFKA_SSL_CA?: string;

  @IsOptional()
  @IsIn(KAFKA_SASL_MECHANISMS)
  KAFKA_SASL_MECHANISM?: (typeof KAFKA_SASL_MECHANISMS)[number];

  @ValidateIf(hasSaslMechanism)
  @IsString()
  @IsNotEmpty({ message: 'KAFKA_SASL_USERNAME is required when KAFKA_SASL_MECHANISM is set' })
  KAFKA_SASL_USERNAME?: string;

  /** Never logged. */
  @ValidateIf(hasSaslMechanism)
  @IsString()
  @IsNotEmpty({ message: 'KAFKA_SASL_PASSWORD is required when KAFKA_SASL_MECHANISM is set' })
  KAFKA_SASL_PASSWORD?: string;

  /** Partitions whose batches are written at the same time by one process. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY = 3;

  /**
   * How long the broker waits for a silent (crashed) member before rebalancing its partitions;
   * the heartbeat interval is a third of it, at most 3 s (docs/adr/0006).
   */
  @Type(() => Number)
  @IsInt()
  @Min(6000)
  @Max(300_000)
  KAFKA_SESSION_TIMEOUT_MS = 10_000;

  /** Most bytes fetched per partition at once: bounds a batch (and memory). */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(64 * 1024 * 1024)
  KAFKA_MAX_BYTES_PER_PARTITION = 1024 * 1024;

  /**
   * Most bytes of one fetch, over all partitions: bounds what the process holds at once (a
   * fetch's records stay in memory until the last of its partition batches is written).
   */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(256 * 1024 * 1024)
  KAFKA_MAX_BYTES = 10 * 1024 * 1024;

  /** `request_id` must have exactly this length; 0 turns the rule off. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(255)
  VALIDATE_REQUEST_ID_LENGTH = 32;

  /** Longest pause between two retries of a batch after a transient failure. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(600_000)
  RETRY_MAX_BACKOFF_MS = 10_000;

  /**
   * How long a partition's batch may keep failing (any step: write, dead-letter publish,
   * commit) before the partition counts as stalled: readiness false, `stalled_partitions` up.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  PARTITION_STALL_THRESHOLD_MS = 60_000;

  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(600_000)
  SHUTDOWN_TIMEOUT_MS = 20_000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  METRICS_PORT = 9001;
}

/**
 * The ingester's validated environment, read once at start-up.
 *
 * @param overrides - plain-text values laid over `process.env` (tests)
 * @throws EnvironmentValidationError naming every invalid variable (never its value)
 */
export function loadEnvironment(overrides: EnvironmentOverrides = {}): EnvironmentVariables {
  return readEnvironment(EnvironmentVariables, overrides);
}
