import { Pool } from 'pg';

import type { DedicatedPostgres, TestTopics } from '@payload-tracker/local-stack';
import { createTestTopics, startDedicatedPostgres, waitUntil } from '@payload-tracker/local-stack';

import { IngesterProcess } from './support/ingester-process';
import { TestKafka, lifecycle, newRequestId } from './support/status-traffic';

jest.setTimeout(180_000);

describe('ingester started while PostgreSQL is down (dedicated server stopped first)', () => {
  let postgres: DedicatedPostgres;
  let topics: TestTopics;
  let kafka: TestKafka;
  let sut: IngesterProcess | undefined;
  let pool: Pool | undefined;

  beforeAll(async () => {
    [postgres, topics] = await Promise.all([
      startDedicatedPostgres(),
      createTestTopics({ partitions: 3 }),
    ]);
    kafka = new TestKafka(topics.kafka);
  });

  afterAll(async () => {
    await sut?.kill();
    await pool?.end();
    await kafka?.close();
    await postgres?.dispose();
  });

  it('stays up, live and not ready naming the database, then joins and stores everything once', async () => {
    await postgres.stop();
    const ingester = await IngesterProcess.start({ databaseUrl: postgres.url, ...topics });
    sut = ingester;

    const base = Date.UTC(2026, 11, 2, 7, 0, 0);
    const uploads = Array.from({ length: 20 }, () => newRequestId());
    await kafka.produceStatuses(
      topics.topic,
      uploads.flatMap((id, index) => lifecycle(id, base + index * 1000, 7)),
    );
    // Several attempts, each logged at WARN with its delay: the wait is visible, not silent.
    await waitUntil(
      'two database attempts logged',
      () => {
        if (ingester.hasExited) {
          throw new Error(`ingester exited:\n${ingester.logs()}`);
        }
        const attempts = ingester
          .logs()
          .split('\n')
          .filter((line) => line.includes('"level":"warn"') && line.includes('database'))
          .filter((line) => /"delayMs":\d+/.test(line));
        if (attempts.length < 2) {
          throw new Error(`${attempts.length} database attempts logged:\n${ingester.logs()}`);
        }
        return Promise.resolve();
      },
      { timeoutMs: 30_000 },
    );
    expect(ingester.hasExited).toBe(false);
    expect((await fetch(ingester.url('/health/live'))).status).toBe(200);
    const notReady = await ingester.readiness();
    expect(notReady.status).toBe(503);
    expect(notReady.body.details?.['database']?.status).toBe('down');
    expect(notReady.body.details?.['database']?.message).toContain('database');
    // It did not take partitions it cannot write: the group is not joined yet.
    expect(notReady.body.details?.['kafka']?.status).toBe('down');
    expect(await ingester.metric('payload_tracker_stored_statuses_total')).toBe(0);

    await postgres.start();
    await ingester.waitUntilReady();
    pool = new Pool({ connectionString: postgres.url, max: 1 });
    const db = pool;
    await waitUntil(
      'every status stored',
      async () => {
        const result = await db.query<{ count: number; distinct_keys: number }>(
          'SELECT count(*)::int AS count, count(DISTINCT dedupe_key)::int AS distinct_keys FROM payload_statuses',
        );
        expect(result.rows[0]).toEqual({
          count: uploads.length * 7,
          distinct_keys: uploads.length * 7,
        });
        expect(await kafka.hasGroupCaughtUp(topics.groupId, topics.topic)).toBe(true);
      },
      { timeoutMs: 60_000 },
    );
    expect(await ingester.metric('payload_tracker_stored_statuses_total')).toBe(uploads.length * 7);
    expect(await ingester.stop()).toEqual({ code: 0, signal: null });
  });
});
