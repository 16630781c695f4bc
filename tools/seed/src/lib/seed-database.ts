import { randomBytes, randomInt } from 'node:crypto';
import { Client } from 'pg';
import { DatabasePool, OutcomeBackfill } from '@payload-tracker/entities';
import { planLifecycles } from './seed-lifecycles';
import { planChunks, planSeedShape } from './seed-plan';
import type { SeedOptions } from './seed-options';
import {
  ANALYZE_SEEDED_SQL,
  ANALYZE_SQL,
  CREATE_DAY_PARTITIONS_SQL,
  INSERT_CHUNK_SQL,
  TRUNCATE_SQL,
  VACUUM_ANALYZE_SQL,
  insertLookupNamesSql,
  selectLookupIdsSql,
} from './seed.sql';
import {
  ERROR_TEXTS,
  LONG_TEMPLATES,
  SEED_SERVICES,
  SEED_SOURCES,
  SEED_STATUSES,
} from './seed-vocabulary';

/** What the CLI prints when it is done. */
export interface SeedSummary {
  readonly payloads: number;
  readonly statuses: number;
  readonly days: number;
  readonly partitions_created: number;
  /**
   * Payloads per planned outcome. Stalled ones are stored `in_progress`; they read as stalled
   * once their last status is `STALLED_AFTER_MINUTES` old, so all but the newest hour's.
   */
  readonly outcomes: PlannedOutcomes;
  readonly insert_seconds: number;
  /** The outcomes, groups and stats buckets of the seeded payloads (`OutcomeBackfill`). */
  readonly backfill_seconds: number;
  readonly analyze_seconds: number;
  readonly seconds: number;
  readonly rows_per_s: number;
}

/** How many payloads of each outcome a run made. */
export interface PlannedOutcomes {
  succeeded: number;
  failed: number;
  stalled: number;
}

interface ChunkResultRow extends PlannedOutcomes {
  statuses: number;
}

type LookupTable = 'services' | 'sources' | 'statuses';

const SECONDS_PER_DAY = 86_400;
/** The newest payload is this old, so its last statuses are still in the past. */
const WINDOW_END_MARGIN_SECONDS = 60;

/** Payloads per backfill transaction, as the migrate job's. */
const BACKFILL_BATCH = 2_000;

const SESSION_SETTINGS = [
  `SET TimeZone = 'UTC'`,
  // A lost seed is re-run; waiting for each commit's WAL flush buys nothing here.
  `SET synchronous_commit = off`,
  `SET jit = off`,
  `SET work_mem = '128MB'`,
  `SET maintenance_work_mem = '512MB'`,
];

/**
 * Foreign keys hold by construction (payloads are inserted by the same statement, lookup ids
 * read from their tables), and their per-row triggers cost half the insert time: a superuser
 * session skips them. Anyone else gets checked inserts.
 */
const SKIP_TRIGGERS = `SET session_replication_role = replica`;

async function connect(url: string): Promise<{ client: Client; isChecked: boolean }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  for (const setting of SESSION_SETTINGS) {
    await client.query(setting);
  }
  const superuser = await client.query<{ is_superuser: boolean }>(
    `SELECT rolsuper AS is_superuser FROM pg_roles WHERE rolname = current_user`,
  );
  const isChecked = superuser.rows[0]?.is_superuser !== true;
  if (!isChecked) {
    await client.query(SKIP_TRIGGERS);
  }
  return { client, isChecked };
}

async function lookupIds(
  client: Client,
  table: LookupTable,
  names: readonly string[],
): Promise<Map<string, number>> {
  await client.query(insertLookupNamesSql(table), [names]);
  const result = await client.query<{ id: number; name: string }>(selectLookupIdsSql(table), [
    names,
  ]);
  return new Map(result.rows.map((row) => [row.name, row.id]));
}

function idOf(ids: ReadonlyMap<string, number>, name: string): number {
  const id = ids.get(name);
  if (id === undefined) {
    throw new Error(`lookup row '${name}' is missing`);
  }
  return id;
}

function roundTo(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

/**
 * Gives every payload without an outcome its outcome, groups and stats buckets, with the
 * ingester's own statement (`OutcomeBackfill`), and returns the seconds it took.
 */
async function backfillOutcomes(url: string, log: (line: string) => void): Promise<number> {
  const started = performance.now();
  const pool = new DatabasePool({ connectionString: url, max: 1, application_name: 'seed' });
  try {
    const summary = await new OutcomeBackfill(pool).run(BACKFILL_BATCH, (progress) => {
      if (progress.batches % 50 === 0) {
        const elapsed = (performance.now() - started) / 1000;
        log(`outcomes of ${progress.payloads} payloads, ${elapsed.toFixed(1)} s`);
      }
    });
    const seconds = (performance.now() - started) / 1000;
    log(
      `outcomes of ${summary.payloads} payloads in ${summary.batches} batches, ${seconds.toFixed(1)} s`,
    );
    return seconds;
  } finally {
    await pool.close();
  }
}

/**
 * Seeds `options.payloads` payloads and exactly `options.statuses` statuses, chunk by chunk on
 * `options.jobs` connections, gives them their outcomes, then refreshes planner statistics.
 * Progress goes to `log`.
 */
export async function seedDatabase(
  options: SeedOptions,
  log: (line: string) => void,
): Promise<SeedSummary> {
  const started = performance.now();
  const { client: admin, isChecked } = await connect(options.databaseUrl);
  const workers: Client[] = [];
  try {
    if (options.isTruncate) {
      await admin.query(TRUNCATE_SQL);
      log('truncated payloads and payload_statuses');
    }
    const services = await lookupIds(admin, 'services', SEED_SERVICES);
    const sources = await lookupIds(admin, 'sources', SEED_SOURCES);
    const statuses = await lookupIds(admin, 'statuses', SEED_STATUSES);

    const nowSeconds = Date.now() / 1000;
    const windowEnd = nowSeconds - WINDOW_END_MARGIN_SECONDS;
    const windowSeconds = options.days * SECONDS_PER_DAY - WINDOW_END_MARGIN_SECONDS;
    const windowStart = new Date((windowEnd - windowSeconds) * 1000);
    const lastDay = new Date((nowSeconds + SECONDS_PER_DAY) * 1000);
    const partitions = await admin.query<{ created: string }>(CREATE_DAY_PARTITIONS_SQL, [
      windowStart.toISOString().slice(0, 10),
      lastDay.toISOString().slice(0, 10),
    ]);
    const partitionsCreated = Number(partitions.rows[0]?.created ?? 0);

    const shape = planSeedShape(options.payloads, options.statuses);
    const lifecycles = planLifecycles(shape.maxCount);
    const steps = lifecycles.steps;
    const runTag = `${randomBytes(8).toString('hex')}:${Date.now()}`;
    const fixedParameters = {
      hashSeed: randomInt(0, 2 ** 47),
      steps: [
        steps.map((step) => idOf(services, step.service)),
        steps.map((step) => step.service),
        steps.map((step) => (step.source === null ? null : idOf(sources, step.source))),
        steps.map((step) => step.source),
        steps.map((step) => idOf(statuses, step.status)),
        steps.map((step) => step.status),
      ],
    };
    const chunkParameters = (from: number, to: number): unknown[] => [
      runTag,
      fixedParameters.hashSeed,
      from,
      to,
      options.payloads,
      options.statuses,
      windowStart.toISOString(),
      windowSeconds,
      options.errorShare,
      shape.hostCount,
      shape.accountCount,
      shape.deltaMax,
      LONG_TEMPLATES.length,
      ...fixedParameters.steps,
      idOf(statuses, 'error'),
      'error',
      idOf(statuses, 'failed'),
      'failed',
      ERROR_TEXTS,
      options.stallShare,
      lifecycles.maxCount,
      lifecycles.succeeded,
      lifecycles.stalledLast,
      lifecycles.inventoryAnsweredAt,
    ];

    log(
      isChecked
        ? 'not a superuser: foreign keys are checked row by row (slower)'
        : 'superuser: foreign-key triggers skipped',
    );
    const chunks = planChunks(options.payloads, options.chunk);
    let nextChunk = 0;
    let payloadsDone = 0;
    let statusesDone = 0;
    const outcomes: PlannedOutcomes = { succeeded: 0, failed: 0, stalled: 0 };
    const insertStarted = performance.now();
    const worker = async (client: Client): Promise<void> => {
      for (let chunk = chunks[nextChunk++]; chunk !== undefined; chunk = chunks[nextChunk++]) {
        const result = await client.query<ChunkResultRow>(
          INSERT_CHUNK_SQL,
          chunkParameters(chunk.from, chunk.to),
        );
        const [row] = result.rows;
        payloadsDone += chunk.to - chunk.from + 1;
        statusesDone += row?.statuses ?? 0;
        outcomes.succeeded += row?.succeeded ?? 0;
        outcomes.failed += row?.failed ?? 0;
        outcomes.stalled += row?.stalled ?? 0;
        const elapsed = (performance.now() - insertStarted) / 1000;
        log(
          `${payloadsDone}/${options.payloads} payloads, ${statusesDone} statuses, ${elapsed.toFixed(1)} s`,
        );
      }
    };
    for (let index = 0; index < Math.min(options.jobs, chunks.length); index++) {
      workers.push((await connect(options.databaseUrl)).client);
    }
    await Promise.all(workers.map(worker));
    const insertSeconds = (performance.now() - insertStarted) / 1000;

    const analyzeStarted = performance.now();
    await admin.query(ANALYZE_SEEDED_SQL);
    let analyzeSeconds = (performance.now() - analyzeStarted) / 1000;

    const backfillSeconds = await backfillOutcomes(options.databaseUrl, log);

    log(options.isVacuum ? 'VACUUM (ANALYZE)' : 'ANALYZE');
    const vacuumStarted = performance.now();
    await admin.query(options.isVacuum ? VACUUM_ANALYZE_SQL : ANALYZE_SQL);
    analyzeSeconds += (performance.now() - vacuumStarted) / 1000;

    const seconds = (performance.now() - started) / 1000;
    return {
      payloads: payloadsDone,
      statuses: statusesDone,
      days: options.days,
      partitions_created: partitionsCreated,
      outcomes,
      insert_seconds: roundTo(insertSeconds, 1),
      backfill_seconds: roundTo(backfillSeconds, 1),
      analyze_seconds: roundTo(analyzeSeconds, 1),
      seconds: roundTo(seconds, 1),
      rows_per_s: Math.round((payloadsDone + statusesDone) / seconds),
    };
  } finally {
    await Promise.allSettled([admin.end(), ...workers.map((client) => client.end())]);
  }
}
