import {
  EnvironmentValidationError,
  validateEnvironmentVariables,
} from '@payload-tracker/platform';

import { EnvironmentVariables } from './environment-variables';

const validateEnvironment = (raw: Record<string, unknown>): EnvironmentVariables =>
  validateEnvironmentVariables(EnvironmentVariables, raw);

const MINIMAL = { DATABASE_URL: 'postgres://user:s3cret@db:5432/payload_tracker' };

describe('validateEnvironment', () => {
  it('applies the documented defaults', () => {
    const sut = validateEnvironment(MINIMAL);

    expect(sut).toMatchObject({
      KAFKA_BROKERS: 'localhost:9092',
      KAFKA_TOPIC: 'platform.payload-status',
      KAFKA_DLQ_TOPIC: 'platform.payload-status.dlq',
      KAFKA_GROUP_ID: 'payload-tracker',
      KAFKA_CLIENT_ID: 'payload-tracker-ingester',
      VALIDATE_REQUEST_ID_LENGTH: 32,
      SHUTDOWN_TIMEOUT_MS: 20_000,
      KAFKA_DLQ_MAX_REQUEST_BYTES: 1_000_000,
      PARTITION_STALL_THRESHOLD_MS: 60_000,
      METRICS_PORT: 9001,
      LOG_LEVEL: 'info',
      DB_POOL_SIZE: 10,
      KAFKA_MAX_BYTES_PER_PARTITION: 1024 * 1024,
      KAFKA_MAX_BYTES: 10 * 1024 * 1024,
    });
  });

  it('turns numeric and boolean text into values', () => {
    const sut = validateEnvironment({
      ...MINIMAL,
      METRICS_PORT: '9100',
      VALIDATE_REQUEST_ID_LENGTH: '0',
      KAFKA_SSL: 'true',
      KAFKA_MAX_BYTES: '4194304',
    });

    expect(sut).toMatchObject({
      METRICS_PORT: 9100,
      VALIDATE_REQUEST_ID_LENGTH: 0,
      KAFKA_SSL: true,
      KAFKA_MAX_BYTES: 4_194_304,
    });
  });

  it.each([
    ['KAFKA_BROKERS', { KAFKA_BROKERS: 'no-port' }],
    ['METRICS_PORT', { METRICS_PORT: 'ninety' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['KAFKA_DLQ_MAX_REQUEST_BYTES', { KAFKA_DLQ_MAX_REQUEST_BYTES: '1000' }],
    ['PARTITION_STALL_THRESHOLD_MS', { PARTITION_STALL_THRESHOLD_MS: '0' }],
    ['KAFKA_MAX_BYTES', { KAFKA_MAX_BYTES: '512' }],
    ['KAFKA_SASL_PASSWORD', { KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'me' }],
    ['DB_HOST', {}],
  ])(
    'names %s when it is wrong or missing, without printing secret values',
    (variable, overrides) => {
      const raw = variable === 'DB_HOST' ? { DB_PASSWORD: 's3cret' } : { ...MINIMAL, ...overrides };

      expect(() => validateEnvironment(raw)).toThrow(EnvironmentValidationError);
      expect(() => validateEnvironment(raw)).toThrow(new RegExp(variable));
      expect(() => validateEnvironment(raw)).not.toThrow(/s3cret/);
    },
  );
});
