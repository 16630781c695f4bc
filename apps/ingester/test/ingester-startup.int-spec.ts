import { Pool } from 'pg';

import type { TestDatabase, TestTopics } from '@payload-tracker/local-stack';
import { createTestDatabase, createTestTopics, waitUntil } from '@payload-tracker/local-stack';

import { IngesterProcess } from './support/ingester-process';
import { TestKafka, lifecycle, newRequestId } from './support/status-traffic';
import { countStoredStatuses } from './support/stored-statuses';

jest.setTimeout(180_000);

/**
 * Bound on "SIGKILL → the replacement stores again", with the default session timeout. The
 * broker holds a killed member's partitions for one session timeout (the old default, 30 s,
 * alone exceeds this); the rest is the replacement's start and one rebalance, given ample room
 * for a busy 2-core box.
 */
const REPLACEMENT_BOUND_MS = 25_000;

describe('ingester start-up and replacement after a crash (default session timeout)', () => {
  let database: TestDatabase;
  let pool: Pool;
  let topics: TestTopics;
  let kafka: TestKafka;
  const processes: IngesterProcess[] = [];

  beforeAll(async () => {
    [database, topics] = await Promise.all([
      createTestDatabase(),
      createTestTopics({ partitions: 3 }),
    ]);
    pool = new Pool({ connectionString: database.url, max: 1 });
    kafka = new TestKafka(topics.kafka);
  });

  afterAll(async () => {
    await Promise.all(processes.map((process) => process.kill()));
    await kafka?.close();
    await pool?.end();
    await database?.drop();
  });

  const stored = (requestIds: readonly string[]): Promise<number> =>
    countStoredStatuses(pool, requestIds);

  it('answers live before it joins, and a SIGKILLed member is replaced well within the old 30 s session', async () => {
    const options = { databaseUrl: database.url, ...topics, sessionTimeoutMs: 'default' as const };
    const first = await IngesterProcess.start(options);
    processes.push(first);
    await first.waitUntilReady();
    const base = Date.UTC(2026, 11, 2, 8, 0, 0);
    const before = Array.from({ length: 10 }, () => newRequestId());
    await kafka.produceStatuses(
      topics.topic,
      before.flatMap((id, index) => lifecycle(id, base + index * 1000, 7)),
    );
    await waitUntil('first statuses stored', async () => {
      expect(await stored(before)).toBe(before.length * 7);
    });

    // The crash: the broker still counts the killed member in the group for a session timeout.
    expect((await first.kill()).signal).toBe('SIGKILL');
    const killedAt = Date.now();
    const second = await IngesterProcess.spawn(options);
    processes.push(second);
    const after = Array.from({ length: 10 }, () => newRequestId());
    await kafka.produceStatuses(
      topics.topic,
      after.flatMap((id, index) => lifecycle(id, base + 60_000 + index * 1000, 7)),
    );

    await second.waitUntilLive({ intervalMs: 50 });
    const liveAfterMs = Date.now() - killedAt;
    // Live while not yet a member: the group still waits for the killed member's session.
    const early = await second.readiness();
    expect(early.status).toBe(503);
    expect(early.body.details?.['kafka']?.status).toBe('down');
    // Its start-up lines are out already, not held back until it joins.
    expect(second.logs()).toContain('metrics listening');

    await second.waitUntilReady();
    const readyAfterMs = Date.now() - killedAt;
    await waitUntil(
      'statuses produced after the kill stored',
      async () => {
        expect(await stored(after)).toBe(after.length * 7);
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    const storedAfterMs = Date.now() - killedAt;
    process.stderr.write(
      `replacement after SIGKILL (default session timeout): live ${liveAfterMs} ms, ready ${readyAfterMs} ms, stored ${storedAfterMs} ms\n`,
    );
    expect(liveAfterMs).toBeLessThan(readyAfterMs);
    expect(storedAfterMs).toBeLessThan(REPLACEMENT_BOUND_MS);
    expect(await stored(before)).toBe(before.length * 7);
    expect(await second.stop()).toEqual({ code: 0, signal: null });
  });
});
