import { Kafka, logLevel } from 'kafkajs';
import type { KafkaConfig } from 'kafkajs';
import { Client } from 'pg';
import { kafkaClientConfig, type KafkaConnection } from '../kafka/kafka-connection';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { createTestTopics, testKafkaConnection } from '../testing/test-topics';
import { startDedicatedPostgres } from '../testing/dedicated-postgres';

/** Lists the broker's topics as `config`'s client, with no retries: a refusal surfaces at once. */
async function listTopicsAs(config: KafkaConfig): Promise<string[]> {
  const admin = new Kafka({ ...config, logLevel: logLevel.NOTHING, retry: { retries: 0 } }).admin();
  try {
    await admin.connect();
    return await admin.listTopics();
  } finally {
    await admin.disconnect();
  }
}

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Brokers of the user's (`KAFKA_BROKERS`) follow their own sign-in rules, not the stack's. */
const itOnOwnBroker = process.env['KAFKA_BROKERS'] ? it.skip : it;

describe('local stack (real PostgreSQL and Kafka started by the jest global setup)', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database.drop();
  });

  it('gives each test file a migrated clone of the template database', async () => {
    const rows = await query<{ table_name: string }>(
      database.url,
      `select table_name from information_schema.tables
        where table_schema = 'public' and table_name in ('payloads', 'payload_statuses', 'services', 'sources', 'statuses')
        order by table_name`,
    );
    expect(rows.map((row) => row.table_name)).toEqual([
      'payload_statuses',
      'payloads',
      'services',
      'sources',
      'statuses',
    ]);
  });

  it('gives two calls two different databases', async () => {
    const other = await createTestDatabase();
    try {
      expect(other.name).not.toBe(database.name);
      await query(other.url, `insert into services (name) values ('only-in-other')`);
      const inFirst = await query(
        database.url,
        `select 1 from services where name = 'only-in-other'`,
      );
      expect(inFirst).toHaveLength(0);
    } finally {
      await other.drop();
    }
  });

  itOnOwnBroker(
    "signs clients in with the stack's own credentials, drawn for this run",
    async () => {
      const connection: KafkaConnection = testKafkaConnection();
      const sasl = connection.sasl;
      expect(sasl).toMatchObject({ mechanism: 'plain', username: 'payload-tracker' });
      expect(sasl?.password).toMatch(/^[\w-]{24}$/);

      const topics = await createTestTopics({ partitions: 1 });
      expect(await listTopicsAs(kafkaClientConfig(connection))).toContain(topics.topic);
    },
  );

  itOnOwnBroker(
    'refuses a client without credentials or with a wrong user or password',
    async () => {
      const connection = testKafkaConnection();
      if (connection.sasl === undefined) throw new Error('the stack gave no credentials');

      await expect(listTopicsAs({ brokers: [...connection.brokers] })).rejects.toThrow();
      await expect(
        listTopicsAs(
          kafkaClientConfig({
            brokers: connection.brokers,
            sasl: { ...connection.sasl, password: `${connection.sasl.password}x` },
          }),
        ),
      ).rejects.toThrow(/SASL PLAIN authentication failed/);
      await expect(
        listTopicsAs(
          kafkaClientConfig({
            brokers: connection.brokers,
            sasl: { ...connection.sasl, username: 'someone-else' },
          }),
        ),
      ).rejects.toThrow(/SASL PLAIN authentication failed/);
    },
  );

  it('round-trips a message through the real broker', async () => {
    const topics = await createTestTopics({ partitions: 2 });
    const kafka = new Kafka(kafkaClientConfig(topics.kafka, { logLevel: logLevel.NOTHING }));
    const producer = kafka.producer();
    const consumer = kafka.consumer({ groupId: topics.groupId });
    await producer.connect();
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: topics.topic, fromBeginning: true });
      const received = new Promise<string>((resolve) => {
        void consumer.run({
          eachMessage: ({ message }) => {
            resolve(message.value?.toString() ?? '');
            return Promise.resolve();
          },
        });
      });
      await producer.send({ topic: topics.topic, messages: [{ key: 'k', value: 'hello stack' }] });
      await expect(received).resolves.toBe('hello stack');
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
    }
  });

  it('keeps the data of a dedicated server across a stop and a start', async () => {
    const server = await startDedicatedPostgres();
    try {
      await query(server.url, `insert into services (name) values ('survives-restart')`);
      await server.stop();
      await expect(query(server.url, 'select 1')).rejects.toThrow();
      await server.start();
      const rows = await query<{ name: string }>(
        server.url,
        `select name from services where name = 'survives-restart'`,
      );
      expect(rows).toEqual([{ name: 'survives-restart' }]);
    } finally {
      await server.dispose();
    }
  });
});
