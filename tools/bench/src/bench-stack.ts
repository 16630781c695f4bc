import { findRunningLocalStack, kafkaSaslFor, startLocalStack } from '@payload-tracker/local-stack';
import type { LocalStack } from '@payload-tracker/local-stack';

/**
 * The servers a benchmark runs against: `DATABASE_URL` / `KAFKA_BROKERS` when set (with
 * `KAFKA_SASL_*`, else a running local stack's credentials when the brokers are its own),
 * otherwise a local stack started for it, durable (fsync on) like a real server.
 */
export function startBenchStack(): Promise<LocalStack> {
  const givenBrokers = process.env['KAFKA_BROKERS']?.split(',');
  return startLocalStack({
    databaseUrl: process.env['DATABASE_URL'] || undefined,
    kafkaBrokers: givenBrokers,
    kafkaSasl: givenBrokers
      ? kafkaSaslFor(givenBrokers, process.env, findRunningLocalStack())
      : undefined,
    isDurable: true,
    log: (line) => process.stderr.write(`${line}\n`),
  });
}
