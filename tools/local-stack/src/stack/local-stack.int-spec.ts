import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { createTestTopics } from '../testing/test-topics';
import { startDedicatedPostgres } from '../testing/dedicated-postgres';

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

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

  it('round-trips a message through the real broker', async () => {
    const topics = await createTestTopics({ partitions: 2 });
    const kafka = new Kafka({ brokers: topics.brokers, logLevel: logLevel.NOTHING });
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
