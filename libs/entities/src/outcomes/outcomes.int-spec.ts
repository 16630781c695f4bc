import fc from 'fast-check';
import { Pool } from 'pg';

import type { TestDatabase } from '@payload-tracker/local-stack';
import { createTestDatabase } from '@payload-tracker/local-stack';
import type { StatusMessage } from '@payload-tracker/status-lifecycle';
import { DURATION_BIN_BOUNDS_MICROS, durationBinOf } from '@payload-tracker/status-lifecycle';

import { DatabasePool } from '../database/database-pool';
import { readOutcomeSnapshot, recomputeOutcomeSnapshot } from '../testing/outcome-recomputation';
import { StatusBatchWriter } from '../writers/status-batch.writer';
import { OutcomeBackfill } from './outcome-backfill';

/*
 * The outcome the ingester keeps, set-based per batch, against a recomputation from the stored
 * statuses with the domain library's rules: whatever the order, the duplicates, the batching
 * and the concurrency of the writes.
 */

const SERVICES = ['ingress', 'puptoo', 'inventory'] as const;
const SOURCES = [null, 'insights-client'] as const;
const STATUSES = [
  'received',
  'processing',
  'success',
  'error',
  'failed',
  'processing_error',
  'processing_success',
] as const;
const MESSAGES = [null, 'bad tarball', 'timeout'] as const;

// 10:59:50 UTC: the offsets below cross a minute and an hour boundary.
const BASE_MICROS = 1_795_863_590_000_000n;
// Some equal dates (ties broken by row id), the rest spread over seconds to hours.
const OFFSETS_MICROS = [0n, 0n, 1n, 999n, 5_000_000n, 10_000_000n, 70_000_000n, 4_000_000_000n];

const statusArbitrary = fc.record({
  payload: fc.integer({ min: 0, max: 5 }),
  service: fc.constantFrom(...SERVICES),
  source: fc.constantFrom(...SOURCES),
  status: fc.constantFrom(...STATUSES),
  statusMsg: fc.constantFrom(...MESSAGES),
  offset: fc.constantFrom(...OFFSETS_MICROS),
  jitter: fc.bigInt({ min: 0n, max: 3n }),
});

type GeneratedStatus = typeof statusArbitrary extends fc.Arbitrary<infer T> ? T : never;

const scenarioArbitrary = fc.record({
  statuses: fc.array(statusArbitrary, { minLength: 1, maxLength: 40 }),
  // Indexes of statuses delivered again.
  redeliveries: fc.array(fc.nat(), { maxLength: 10 }),
  order: fc.array(fc.nat(), { maxLength: 60 }),
  // Where the stream is cut into batches, and which of two "partitions" each batch goes to.
  cuts: fc.array(fc.nat({ max: 60 }), { maxLength: 8 }),
  partitions: fc.array(fc.boolean(), { maxLength: 9 }),
});

function shuffled<T>(items: readonly T[], order: readonly number[]): T[] {
  const result = [...items];
  for (const [index, pick] of order.entries()) {
    const i = index % result.length;
    const j = pick % result.length;
    [result[i], result[j]] = [result[j] as T, result[i] as T];
  }
  return result;
}

function batchesOf<T>(items: readonly T[], cuts: readonly number[]): T[][] {
  const points = [...new Set(cuts.map((cut) => cut % (items.length + 1)))].sort((a, b) => a - b);
  const batches: T[][] = [];
  let start = 0;
  for (const point of [...points, items.length]) {
    if (point > start) {
      batches.push(items.slice(start, point));
      start = point;
    }
  }
  return batches;
}

describe('outcomes kept by the writer', () => {
  let database: TestDatabase;
  let databasePool: DatabasePool;
  let pool: Pool;
  let run = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = { connectionString: database.url, max: 6, options: '-c TimeZone=UTC' };
    databasePool = new DatabasePool(config);
    pool = new Pool(config);
  });

  afterAll(async () => {
    await databasePool.close();
    await pool.end();
    await database.drop();
  });

  async function emptyTables(): Promise<void> {
    await pool.query(
      'TRUNCATE payloads, payload_statuses, payload_groups, payload_outcomes, service_stats_buckets, service_duration_buckets, payload_state_buckets',
    );
  }

  function messagesOf(statuses: readonly GeneratedStatus[]): StatusMessage[] {
    run += 1;
    return statuses.map((status) => ({
      requestId: `r${run.toString()}p${status.payload.toString()}`.padEnd(32, '0'),
      service: status.service,
      source: status.source,
      status: status.status,
      statusMsg: status.statusMsg,
      date: BASE_MICROS + status.offset + status.jitter,
      account: null,
      orgId: null,
      inventoryId: null,
      systemId: null,
    }));
  }

  it('equals a recomputation from the stored statuses, whatever the order, duplicates and batches', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary, async (scenario) => {
        await emptyTables();
        const messages = messagesOf(scenario.statuses);
        const delivered = shuffled(
          [
            ...messages,
            ...scenario.redeliveries.map((i) => messages[i % messages.length] as StatusMessage),
          ],
          scenario.order,
        );
        const batches = batchesOf(delivered, scenario.cuts);
        // Two writers, like two ingester partitions (or replicas), writing at the same time.
        const writers = [new StatusBatchWriter(databasePool), new StatusBatchWriter(databasePool)];
        const streams: StatusMessage[][][] = [[], []];
        batches.forEach((batch, index) =>
          streams[scenario.partitions[index] === true ? 1 : 0]?.push(batch),
        );
        await Promise.all(
          streams.map(async (stream, index) => {
            for (const batch of stream) {
              await writers[index]?.write(batch);
            }
          }),
        );
        const stored = await readOutcomeSnapshot(pool);
        const recomputed = await recomputeOutcomeSnapshot(pool);
        expect(stored).toEqual(recomputed);
      }),
      { numRuns: 40 },
    );
  });

  it('backfills payloads stored before outcomes existed, also while new statuses arrive', async () => {
    await fc.assert(
      fc.asyncProperty(
        scenarioArbitrary,
        fc.array(statusArbitrary, { maxLength: 15 }),
        async (scenario, later) => {
          await emptyTables();
          const writer = new StatusBatchWriter(databasePool);
          const messages = messagesOf(scenario.statuses);
          for (const batch of batchesOf(messages, scenario.cuts)) {
            await writer.write(batch);
          }
          // As the database was before the migration: statuses, no outcomes.
          await pool.query(
            'TRUNCATE payload_groups, payload_outcomes, service_stats_buckets, service_duration_buckets, payload_state_buckets',
          );
          const laterMessages = messagesOf(later).map((message) => ({
            ...message,
            // The same payloads as before (same run prefix).
            requestId: message.requestId.replace(/^r\d+/, `r${(run - 1).toString()}`),
          }));
          await Promise.all([
            new OutcomeBackfill(databasePool).run(2),
            writer.write(laterMessages),
          ]);
          // What the writer made of a payload it found without an outcome stays; run again.
          await new OutcomeBackfill(databasePool).run(2);
          expect(await readOutcomeSnapshot(pool)).toEqual(await recomputeOutcomeSnapshot(pool));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('backfills beside a writer that locks payloads in request_id order without a deadlock', async () => {
    await emptyTables();
    const writer = new StatusBatchWriter(databasePool);
    const status = (payload: number): GeneratedStatus => ({
      payload,
      service: 'ingress',
      source: null,
      status: 'received',
      statusMsg: null,
      offset: 0n,
      jitter: 0n,
    });
    // p1 is stored first, so its id is lower, though its request_id sorts after p0's.
    const [later, earlier] = messagesOf([status(1), status(0)]) as [StatusMessage, StatusMessage];
    await writer.write([later]);
    await writer.write([earlier]);
    await pool.query(
      'TRUNCATE payload_groups, payload_outcomes, service_stats_buckets, service_duration_buckets, payload_state_buckets',
    );
    const requestIds = [earlier.requestId, later.requestId];
    // What the writer's upsert does: lock the batch's payloads in request_id order, the first now.
    const ingester = await pool.connect();
    try {
      await ingester.query('BEGIN');
      await ingester.query('SELECT id FROM payloads WHERE request_id = $1 FOR UPDATE', [
        requestIds[0],
      ]);
      const backfill = new OutcomeBackfill(databasePool).run();
      const waiting = async (): Promise<boolean> => {
        const { rows } = await pool.query<{ waiting: number }>(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        return (rows[0]?.waiting ?? 0) > 0;
      };
      while (!(await waiting())) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      // The backfill waits for the first; locking the second must not close a cycle.
      await ingester.query('SELECT id FROM payloads WHERE request_id = $1 FOR UPDATE', [
        requestIds[1],
      ]);
      await ingester.query('COMMIT');
      expect(await backfill).toEqual({ payloads: 2, batches: 1 });
    } finally {
      ingester.release();
    }
    expect(await readOutcomeSnapshot(pool)).toEqual(await recomputeOutcomeSnapshot(pool));
  });

  it('backfills nothing twice', async () => {
    await emptyTables();
    const writer = new StatusBatchWriter(databasePool);
    await writer.write(
      messagesOf([
        {
          payload: 0,
          service: 'ingress',
          source: null,
          status: 'received',
          statusMsg: null,
          offset: 0n,
          jitter: 0n,
        },
        {
          payload: 0,
          service: 'ingress',
          source: null,
          status: 'success',
          statusMsg: null,
          offset: 5_000_000n,
          jitter: 0n,
        },
      ]),
    );
    const before = await readOutcomeSnapshot(pool);
    expect(await new OutcomeBackfill(databasePool).run()).toEqual({ payloads: 0, batches: 0 });
    expect(await readOutcomeSnapshot(pool)).toEqual(before);
  });

  it('puts a duration in the bin PostgreSQL width_bucket gives it', async () => {
    const bounds = DURATION_BIN_BOUNDS_MICROS.map((bound) => BigInt(bound));
    const samples = [
      0n,
      1n,
      ...bounds.flatMap((bound) => [bound - 1n, bound, bound + 1n]),
      10n ** 13n,
    ];
    const { rows } = await pool.query<{ bin: number }>(
      `SELECT width_bucket(v, $2::bigint[]) AS bin FROM unnest($1::bigint[]) WITH ORDINALITY AS t(v, i) ORDER BY i`,
      [samples.map(String), DURATION_BIN_BOUNDS_MICROS],
    );
    expect(rows.map((row) => row.bin)).toEqual(samples.map((sample) => durationBinOf(sample)));
  });
});
