/** Environment variables through which jest's global setup hands the stack to test workers. */
export const TEST_ENV = {
  adminDatabaseUrl: 'PT_TEST_ADMIN_DATABASE_URL',
  templateDatabase: 'PT_TEST_TEMPLATE_DATABASE',
  kafkaBrokers: 'PT_TEST_KAFKA_BROKERS',
  /** The broker's sign-in as JSON (`KafkaSasl`); empty for brokers that want none. */
  kafkaSasl: 'PT_TEST_KAFKA_SASL',
} as const;

export function requireTestEnv(name: (typeof TEST_ENV)[keyof typeof TEST_ENV]): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set: this test needs the local stack, which jest's global setup ` +
        '(tools/local-stack/src/testing/global-setup.ts) starts. Run it through its jest config.',
    );
  }
  return value;
}

/** A short random suffix for database and topic names. */
export function uniqueSuffix(): string {
  return `${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}
