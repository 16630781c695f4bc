import { kafkaSaslFromEnvironment } from '../kafka/kafka-connection';
import { createDatabase, withDatabase } from '../postgres/database-admin';
import { startLocalStack, type LocalStack } from '../stack/local-stack';
import { migrateDatabase } from '../stack/migrate-database';
import { TEST_ENV, uniqueSuffix } from './test-environment';

declare global {
  // Shared with global-teardown.ts, which jest runs in the same process.
  var __PT_LOCAL_STACK__: { stack: LocalStack; template: string } | undefined;
}

/**
 * Jest global setup: one real stack per test run (every project's setup after the first reuses
 * it), and a migrated template database that each test file clones. `DATABASE_URL` and
 * `KAFKA_BROKERS` (with `KAFKA_SASL_*` when it wants a sign-in), when set, point at servers
 * that are used instead of starting new ones. The broker's address and credentials reach the
 * test files through `testKafkaConnection` and `createTestTopics`.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env[TEST_ENV.adminDatabaseUrl]) return;
  const started = Date.now();
  const stack = await startLocalStack({
    databaseUrl: process.env['DATABASE_URL'] || undefined,
    kafkaBrokers: process.env['KAFKA_BROKERS']
      ? process.env['KAFKA_BROKERS'].split(',')
      : undefined,
    kafkaSasl: process.env['KAFKA_BROKERS'] ? kafkaSaslFromEnvironment(process.env) : undefined,
  });
  const template = `pt_template_${uniqueSuffix()}`;
  try {
    await createDatabase(stack.adminDatabaseUrl, template);
    await migrateDatabase(withDatabase(stack.adminDatabaseUrl, template));
  } catch (error: unknown) {
    await stack.stop();
    throw error;
  }
  process.env[TEST_ENV.adminDatabaseUrl] = stack.adminDatabaseUrl;
  process.env[TEST_ENV.templateDatabase] = template;
  process.env[TEST_ENV.kafkaBrokers] = stack.kafkaBrokers.join(',');
  process.env[TEST_ENV.kafkaSasl] = stack.kafka.sasl ? JSON.stringify(stack.kafka.sasl) : '';
  globalThis.__PT_LOCAL_STACK__ = { stack, template };
  process.stderr.write(`\nlocal stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
