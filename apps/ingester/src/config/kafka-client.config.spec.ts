import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { validateEnvironmentVariables } from '@payload-tracker/platform';

import { EnvironmentVariables } from './environment-variables';
import { KAFKA_RETRY, buildKafkaClientConfig, heartbeatIntervalFor } from './kafka-client.config';

function configOf(raw: Record<string, string>): ReturnType<typeof buildKafkaClientConfig> {
  const env = validateEnvironmentVariables(EnvironmentVariables, {
    DATABASE_URL: 'postgres://u@db/pt',
    ...raw,
  });
  return buildKafkaClientConfig((key) => env[key]);
}

describe('buildKafkaClientConfig', () => {
  let directory: string;

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'kafka-client-config-'));
  });

  afterAll(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it('lists the brokers and keeps the client id, without TLS or SASL by default', () => {
    const sut = configOf({ KAFKA_BROKERS: 'a:9092,b:9093', KAFKA_CLIENT_ID: 'ingester-7' });

    expect(sut).toEqual({
      clientId: 'ingester-7',
      brokers: ['a:9092', 'b:9093'],
      retry: KAFKA_RETRY,
    });
  });

  it('caps the pause between two kafkajs retries at 2 s, so a broker back is seen within seconds', () => {
    expect(KAFKA_RETRY.maxRetryTime).toBeLessThanOrEqual(2000);
  });

  it('turns TLS on with the system CAs, or with the CA file read once at build', () => {
    const caPath = join(directory, 'ca.pem');
    writeFileSync(caPath, 'PEM');

    const withSystemCas = configOf({ KAFKA_SSL: 'true' });
    const withCaFile = configOf({ KAFKA_SSL_CA: caPath });

    expect(withSystemCas.ssl).toBe(true);
    expect(withCaFile.ssl).toEqual({ ca: ['PEM'] });
  });

  it('adds SASL credentials for the configured mechanism', () => {
    const sut = configOf({
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'tracker',
      KAFKA_SASL_PASSWORD: 's3cret',
    });

    expect(sut.sasl).toEqual({
      mechanism: 'scram-sha-512',
      username: 'tracker',
      password: 's3cret',
    });
  });
});

describe('heartbeatIntervalFor', () => {
  it('is a third of the session timeout, at most 3 s', () => {
    expect(heartbeatIntervalFor(6000)).toBe(2000);
    expect(heartbeatIntervalFor(10_000)).toBe(3000);
    expect(heartbeatIntervalFor(30_000)).toBe(3000);
  });
});
