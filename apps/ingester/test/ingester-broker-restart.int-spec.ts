import { Pool } from 'pg';

import type { DedicatedKafka, TestDatabase } from '@payload-tracker/local-stack';
import { createTestDatabase, startDedicatedKafka, waitUntil } from '@payload-tracker/local-stack';

import { IngesterProcess } from './support/ingester-process';
import { TestKafka, lifecycle, newRequestId } from './support/status-traffic';
import { countStoredStatuses } from './support/stored-statuses';

jest.setTimeout(240_000);

/** How long the broker stays down: longer than kafkajs's retries of one request with defaults. */
const OUTAGE_MS = 12_000;

/**
 * Bound on "broker answers → the statuses produced then are stored". Before the fix it took 31 s
 * (a consumer restarted as a new member waits for its old self's 30 s session); measured 1.4 s
 * after it. Generous for a busy 2-core box.
 */
const RECOVERY_BOUND_MS = 20_000;

describe('ingester across a broker restart (dedicated broker stopped and started)', () => {
  let broker: DedicatedKafka;
  let database: TestDatabase;
  let pool: Pool;
  let kafka: TestKafka | undefined;
  let sut: IngesterProcess | undefined;

  beforeAll(async () => {
    [broker, database] = await Promise.all([startDedicatedKafka(), createTestDatabase()]);
    pool = new Pool({ connectionString: database.url, max: 1 });
  });

  afterAll(async () => {
    await sut?.kill();
    await kafka?.close();
    await pool?.end();
    await database?.drop();
    await broker?.dispose();
  });

  const stored = (requestIds: readonly string[]): Promise<number> =>
    countStoredStatuses(pool, requestIds);

  it('does not exit, and stores what is produced once the broker is back within seconds', async () => {
    const topics = await broker.createTopics({ partitions: 3 });
    const ingester = await IngesterProcess.start({
      databaseUrl: database.url,
      ...topics,
      sessionTimeoutMs: 'default',
    });
    sut = ingester;
    await ingester.waitUntilReady();
    kafka = new TestKafka(broker.kafka);
    const base = Date.UTC(2026, 11, 2, 9, 0, 0);
    const before = Array.from({ length: 10 }, () => newRequestId());
    await kafka.produceStatuses(
      topics.topic,
      before.flatMap((id, index) => lifecycle(id, base + index * 1000, 7)),
    );
    await waitUntil('statuses before the restart stored', async () => {
      expect(await stored(before)).toBe(before.length * 7);
    });
    await kafka.close();
    kafka = undefined;

    await broker.stop();
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    expect(ingester.hasExited).toBe(false);
    await broker.start();
    const backAt = Date.now();

    kafka = new TestKafka(broker.kafka);
    const after = Array.from({ length: 10 }, () => newRequestId());
    await kafka.produceStatuses(
      topics.topic,
      after.flatMap((id, index) => lifecycle(id, base + 60_000 + index * 1000, 7)),
    );
    const producedAfterMs = Date.now() - backAt;
    await waitUntil(
      'statuses produced after the restart stored',
      async () => {
        if (ingester.hasExited) {
          throw new Error(`ingester exited:\n${ingester.logs()}`);
        }
        expect(await stored(after)).toBe(after.length * 7);
      },
      { timeoutMs: 90_000, intervalMs: 100 },
    );
    const storedAfterMs = Date.now() - backAt;
    await ingester.waitUntilReady();
    const readyAfterMs = Date.now() - backAt;
    process.stderr.write(
      `broker restart (down ${OUTAGE_MS} ms): after it answered, produced ${producedAfterMs} ms, stored ${storedAfterMs} ms, ready ${readyAfterMs} ms\n`,
    );
    expect(storedAfterMs).toBeLessThan(RECOVERY_BOUND_MS);
    expect(await stored(before)).toBe(before.length * 7);
    expect(ingester.logs()).not.toContain('KafkaJSNumberOfRetriesExceeded');
    expect(await ingester.stop()).toEqual({ code: 0, signal: null });
  });
});
