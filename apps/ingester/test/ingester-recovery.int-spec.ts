import { Pool } from 'pg';

import type { TestDatabase } from '@payload-tracker/local-stack';
import { createTestDatabase, createTestTopics, waitUntil } from '@payload-tracker/local-stack';

import { readOutcomeSnapshot, recomputeOutcomeSnapshot } from '@payload-tracker/entities/testing';

import { IngesterProcess } from './support/ingester-process';
import { TestKafka, lifecycle, newRequestId } from './support/status-traffic';

jest.setTimeout(240_000);

describe('ingester recovery and scale-out (real Kafka, real PostgreSQL, child processes)', () => {
  let database: TestDatabase;
  let pool: Pool;
  let kafka: TestKafka;
  const processes: IngesterProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new Pool({ connectionString: database.url, max: 2 });
  });

  afterAll(async () => {
    await Promise.all(processes.map((process) => process.kill()));
    await kafka?.close();
    await pool?.end();
    await database?.drop();
  });

  async function count(sql: string, params: unknown[] = []): Promise<number> {
    const result = await pool.query<{ count: number }>(sql, params);
    return result.rows[0]?.count ?? -1;
  }

  async function start(
    options: Parameters<typeof IngesterProcess.start>[0],
  ): Promise<IngesterProcess> {
    const process = await IngesterProcess.start(options);
    processes.push(process);
    return process;
  }

  it('stores every message exactly once when the ingester is SIGKILLed mid-stream and restarted', async () => {
    const topics = await createTestTopics({ partitions: 4 });
    kafka = new TestKafka(topics.kafka);
    const options = { databaseUrl: database.url, ...topics };
    const uploads = Array.from({ length: 300 }, (_, index) => ({
      requestId: newRequestId(),
      size: index % 3 === 0 ? (21 as const) : (7 as const),
    }));
    const expected = uploads.reduce((sum, upload) => sum + upload.size, 0);
    const requestIds = uploads.map((upload) => upload.requestId);
    const stored = (): Promise<number> =>
      count(
        `SELECT count(*)::int AS count FROM payload_statuses ps JOIN payloads p ON p.id = ps.payload_id
         WHERE p.request_id = ANY($1::text[])`,
        [requestIds],
      );
    const first = await start(options);
    await first.waitUntilReady();

    // Produce in chunks while the ingester consumes, and kill it once part is stored.
    const base = Date.UTC(2026, 10, 28, 9, 0, 0);
    const producing = (async () => {
      for (let chunk = 0; chunk < uploads.length; chunk += 10) {
        const statuses = uploads
          .slice(chunk, chunk + 10)
          .flatMap((upload, index) =>
            lifecycle(upload.requestId, base + (chunk + index) * 1000, upload.size),
          );
        await kafka.produceStatuses(topics.topic, statuses);
      }
    })();
    await waitUntil('part of the stream stored', async () => {
      const now = await stored();
      if (now === 0) {
        throw new Error('nothing stored yet');
      }
    });
    const killed = await first.kill();
    const atKill = await stored();
    await producing;

    const second = await start(options);
    await waitUntil(
      'every status stored',
      async () => {
        expect(await stored()).toBe(expected);
        expect(await kafka.hasGroupCaughtUp(topics.groupId, topics.topic)).toBe(true);
      },
      { timeoutMs: 120_000 },
    );

    expect(killed.signal).toBe('SIGKILL');
    expect(atKill).toBeLessThan(expected);
    expect(
      await count(
        `SELECT count(*)::int AS count FROM (
           SELECT p.request_id FROM payloads p JOIN payload_statuses ps ON ps.payload_id = p.id
           WHERE p.request_id = ANY($1::text[]) GROUP BY p.request_id HAVING count(*) NOT IN (7, 21)) wrong`,
        [requestIds],
      ),
    ).toBe(0);
    expect(
      await count(
        'SELECT count(*)::int AS count FROM payloads WHERE request_id = ANY($1::text[])',
        [requestIds],
      ),
    ).toBe(uploads.length);
    // The outcomes survived the kill as exactly as the statuses did.
    expect(await readOutcomeSnapshot(pool)).toEqual(await recomputeOutcomeSnapshot(pool));
    expect(await second.stop()).toEqual({ code: 0, signal: null });
  });

  it('shares the partitions between two processes of one group; a new name seen by both at once causes no error', async () => {
    const topics = await createTestTopics({ partitions: 6 });
    await kafka?.close();
    kafka = new TestKafka(topics.kafka);
    const options = { databaseUrl: database.url, ...topics };
    const [a, b] = await Promise.all([start(options), start(options)]);
    if (a === undefined || b === undefined) {
      throw new Error('two ingesters expected');
    }
    await waitUntil('partitions shared', async () => {
      const [readyA, readyB] = await Promise.all([a.readiness(), b.readiness()]);
      expect([readyA.status, readyB.status]).toEqual([200, 200]);
      expect(readyA.partitions.length).toBeGreaterThan(0);
      expect(readyB.partitions.length).toBeGreaterThan(0);
      expect([...readyA.partitions, ...readyB.partitions].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    });
    const service = `brand-new-${newRequestId().slice(0, 12)}`;
    const uploads = Array.from({ length: 120 }, () => newRequestId());
    const base = Date.UTC(2026, 10, 28, 11, 0, 0);

    await kafka.produceStatuses(
      topics.topic,
      uploads.flatMap((requestId, index) => lifecycle(requestId, base + index * 1000, 7, service)),
    );

    await waitUntil('every status stored', async () => {
      expect(
        await count(
          `SELECT count(*)::int AS count FROM payload_statuses ps JOIN services s ON s.id = ps.service_id WHERE s.name = $1`,
          [service],
        ),
      ).toBe(uploads.length * 7);
    });
    expect(
      await count('SELECT count(*)::int AS count FROM services WHERE name = $1', [service]),
    ).toBe(1);
    const [storedA, storedB] = await Promise.all([
      a.metric('payload_tracker_stored_statuses_total'),
      b.metric('payload_tracker_stored_statuses_total'),
    ]);
    expect(storedA).toBeGreaterThan(0);
    expect(storedB).toBeGreaterThan(0);
    expect(storedA + storedB).toBe(uploads.length * 7);
    expect(await a.metric('payload_tracker_db_errors_total')).toBe(0);
    expect(await b.metric('payload_tracker_db_errors_total')).toBe(0);
  });
});
