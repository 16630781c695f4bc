import { Pool } from 'pg';

import type { DedicatedPostgres, TestTopics } from '@payload-tracker/local-stack';
import { createTestTopics, startDedicatedPostgres, waitUntil } from '@payload-tracker/local-stack';

import { readOutcomeSnapshot, recomputeOutcomeSnapshot } from '@payload-tracker/entities/testing';

import { IngesterProcess } from './support/ingester-process';
import { TestKafka, lifecycle, newRequestId } from './support/status-traffic';

jest.setTimeout(240_000);

describe('ingester during a PostgreSQL outage (dedicated server stopped and started)', () => {
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

  async function storedCount(): Promise<number> {
    if (pool === undefined) {
      pool = new Pool({ connectionString: postgres.url, max: 1 });
      // The server is stopped on purpose here: an idle connection it terminates is expected,
      // and an 'error' event without a listener would crash the test process.
      pool.on('error', () => undefined);
    }
    const result = await pool.query<{ count: number; distinct_keys: number }>(
      'SELECT count(*)::int AS count, count(DISTINCT dedupe_key)::int AS distinct_keys FROM payload_statuses',
    );
    const row = result.rows[0];
    if (row === undefined || row.count !== row.distinct_keys) {
      throw new Error(`a status was stored twice: ${JSON.stringify(row)}`);
    }
    return row.count;
  }

  it('loses and doubles nothing, and is not ready while the database is down', async () => {
    const ingester = await IngesterProcess.start({ databaseUrl: postgres.url, ...topics });
    sut = ingester;
    await ingester.waitUntilReady();
    const base = Date.UTC(2026, 10, 28, 8, 0, 0);
    const before = Array.from({ length: 20 }, () => newRequestId());
    const during = Array.from({ length: 30 }, () => newRequestId());
    await kafka.produceStatuses(
      topics.topic,
      before.flatMap((id, index) => lifecycle(id, base + index * 1000, 7)),
    );
    await waitUntil('first statuses stored', async () => {
      expect(await storedCount()).toBe(before.length * 7);
    });

    await pool?.end();
    pool = undefined;
    await postgres.stop();
    await waitUntil('readiness false', async () => {
      if (ingester.hasExited) {
        throw new Error(`ingester exited:\n${ingester.logs()}`);
      }
      expect((await ingester.readiness()).status).toBe(503);
    });
    await kafka.produceStatuses(
      topics.topic,
      during.flatMap((id, index) => lifecycle(id, base + 60_000 + index * 1000, 21)),
    );
    await waitUntil('a failed write', async () => {
      expect(await ingester.metric('payload_tracker_db_errors_total')).toBeGreaterThan(0);
    });
    expect((await ingester.readiness()).status).toBe(503);
    await postgres.start();

    await waitUntil('readiness true', async () => {
      expect((await ingester.readiness()).status).toBe(200);
    });
    await waitUntil(
      'every status stored',
      async () => {
        expect(await storedCount()).toBe(before.length * 7 + during.length * 21);
        expect(await kafka.hasGroupCaughtUp(topics.groupId, topics.topic)).toBe(true);
      },
      { timeoutMs: 90_000 },
    );
    expect(await ingester.metric('payload_tracker_stored_statuses_total')).toBe(
      before.length * 7 + during.length * 21,
    );
    if (pool === undefined) {
      throw new Error('storedCount opened the pool');
    }
    // Batches retried through the outage kept the outcomes exactly in step with the statuses.
    expect(await readOutcomeSnapshot(pool)).toEqual(await recomputeOutcomeSnapshot(pool));
    expect(await ingester.stop()).toEqual({ code: 0, signal: null });
  });
});
