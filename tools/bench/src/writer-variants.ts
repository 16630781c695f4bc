/**
 * Where the writer's time goes: the ingest benchmark's traffic written by StatusBatchWriter into
 * a fresh migrated database per variant, the variant's DDL applied first (a foreign key or a set
 * of indexes of `payload_statuses` dropped), with the wall time of each statement summed. It
 * measures what a schema change would buy before anyone makes it; no variant is a supported
 * schema.
 *
 *   DATABASE_URL=<a database whose role may CREATE DATABASE> \
 *     npx tsx --tsconfig tsconfig.base.json tools/bench/src/writer-variants.ts \
 *     [--messages 200000] [--variants base,no-lookup-fks,...] [--concurrency 3] [--keyed]
 *
 * `--keyed` gives each writer the requests of its own key range, as Kafka partitions do (no two
 * batches in flight share a payload); without it the writers take consecutive slices of one
 * stream, as the ingest benchmark's baseline does. Prints one JSON line per variant.
 */
import { parseArgs } from 'node:util';

import type { PoolClient } from 'pg';
import { Pool } from 'pg';

import { DatabasePool, StatementRunner, StatusBatchWriter } from '@payload-tracker/entities';
import type { SqlStatement } from '@payload-tracker/entities';
import {
  createDatabase,
  dropDatabase,
  migrateDatabase,
  withDatabase,
} from '@payload-tracker/local-stack';
import type { StatusMessage } from '@payload-tracker/status-lifecycle';

import { parseBenchMessages, writeInSlices } from './batch-writes';
import { generate } from './bench-traffic';

const LOOKUP_COLUMNS = ['service_id', 'status_id', 'source_id'] as const;

/** Each variant's DDL, run on the freshly migrated database before the writes. */
const VARIANTS: Record<string, readonly string[]> = {
  base: [],
  'no-lookup-fks': LOOKUP_COLUMNS.map(
    (column) => `ALTER TABLE payload_statuses DROP CONSTRAINT fk_payload_statuses_${column}`,
  ),
  'no-payload-fk': ['ALTER TABLE payload_statuses DROP CONSTRAINT fk_payload_statuses_payload_id'],
  'no-fks': [...LOOKUP_COLUMNS, 'payload_id'].map(
    (column) => `ALTER TABLE payload_statuses DROP CONSTRAINT fk_payload_statuses_${column}`,
  ),
  'no-lookup-id-indexes': LOOKUP_COLUMNS.map(
    (column) => `DROP INDEX ix_payload_statuses_${column}_id`,
  ),
  'no-status-msg-indexes': [
    'DROP INDEX ix_payload_statuses_status_msg_id',
    'DROP INDEX ix_payload_statuses_status_msg_date',
    'DROP INDEX ix_payload_statuses_short_status_msg_date',
  ],
  'no-payload-indexes': [
    ...['account', 'org_id', 'inventory_id', 'system_id'].flatMap((column) => [
      `DROP INDEX ix_payloads_${column}_id`,
      `DROP INDEX ix_payloads_${column}_created_at_id`,
    ]),
    'DROP INDEX ix_payloads_created_at_id',
  ],
  /** Only the primary key, the dedupe index and (payload_id, date) left on payload_statuses. */
  'no-query-indexes': [
    ...LOOKUP_COLUMNS.flatMap((column) => [
      `DROP INDEX ix_payload_statuses_${column}_id`,
      `DROP INDEX ix_payload_statuses_${column}_date`,
    ]),
    'DROP INDEX ix_payload_statuses_status_msg_id',
    'DROP INDEX ix_payload_statuses_status_msg_date',
    'DROP INDEX ix_payload_statuses_short_status_msg_date',
    'DROP INDEX ix_payload_statuses_created_at_id',
    'DROP INDEX ix_payload_statuses_date_id',
    'DROP INDEX ix_payload_statuses_future_dated_date_id',
  ],
};

/** Milliseconds spent in each statement (by the first words of its text) since the last reset. */
const statementMs = new Map<string, number>();

function recordStatementTimes(): void {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with its `this` below
  const queryOn = StatementRunner.prototype.queryOn;
  StatementRunner.prototype.queryOn = async function timed<Row>(
    this: StatementRunner,
    client: PoolClient,
    statement: SqlStatement,
  ): Promise<Row[]> {
    const started = performance.now();
    try {
      return (await queryOn.call(this, client, statement)) as Row[];
    } finally {
      const key = statement.sql.trim().replace(/\s+/g, ' ').slice(0, 40);
      statementMs.set(key, (statementMs.get(key) ?? 0) + performance.now() - started);
    }
  };
}

/** The lane of a request: a stable hash of its id, as a partitioner keys messages. */
function laneOf(requestId: string, lanes: number): number {
  let hash = 0;
  for (let index = 0; index < requestId.length; index += 1) {
    hash = (hash * 31 + requestId.charCodeAt(index)) | 0;
  }
  return Math.abs(hash) % lanes;
}

async function writeAll(
  writer: StatusBatchWriter,
  messages: readonly StatusMessage[],
  batchSize: number,
  concurrency: number,
  keyed: boolean,
): Promise<void> {
  if (keyed) {
    const lanes: StatusMessage[][] = Array.from({ length: concurrency }, () => []);
    for (const message of messages) {
      lanes[laneOf(message.requestId, concurrency)]?.push(message);
    }
    await Promise.all(
      lanes.map(async (lane) => {
        for (let start = 0; start < lane.length; start += batchSize) {
          await writer.write(lane.slice(start, start + batchSize));
        }
      }),
    );
    return;
  }
  await writeInSlices(writer, messages, batchSize, concurrency);
}

async function runVariant(
  adminUrl: string,
  variant: string,
  messages: readonly StatusMessage[],
  options: { batchSize: number; concurrency: number; keyed: boolean },
): Promise<void> {
  const ddl = VARIANTS[variant];
  if (ddl === undefined) {
    throw new Error(`unknown variant ${variant}; known: ${Object.keys(VARIANTS).join(', ')}`);
  }
  const name = `bench_variant_${Date.now().toString(36)}`;
  await createDatabase(adminUrl, name);
  const url = withDatabase(adminUrl, name);
  const admin = new Pool({ connectionString: url, max: 1 });
  const pool = new DatabasePool({ connectionString: url, max: 10, options: '-c TimeZone=UTC' });
  try {
    await migrateDatabase(url);
    for (const sql of ddl) {
      await admin.query(sql);
    }
    const writer = new StatusBatchWriter(pool);
    statementMs.clear();
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await writeAll(writer, messages, options.batchSize, options.concurrency, options.keyed);
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const stored = await admin.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM payload_statuses',
    );
    console.log(
      JSON.stringify({
        variant,
        msgs_per_s: Math.round(messages.length / seconds),
        stored: stored.rows[0]?.count,
        seconds: Number(seconds.toFixed(2)),
        node_cpu_s: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
        statement_ms: Object.fromEntries(
          [...statementMs].map(([statement, ms]) => [statement, Math.round(ms)]),
        ),
      }),
    );
  } finally {
    await Promise.all([admin.end(), pool.close()]);
    await dropDatabase(adminUrl, name);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      messages: { type: 'string', default: '200000' },
      variants: { type: 'string', default: Object.keys(VARIANTS).join(',') },
      batch: { type: 'string', default: '1500' },
      concurrency: { type: 'string', default: '3' },
      keyed: { type: 'boolean', default: false },
    },
  });
  const adminUrl = process.env['DATABASE_URL'];
  if (adminUrl === undefined) {
    throw new Error('DATABASE_URL is required');
  }
  const messages = parseBenchMessages(generate(Number(values.messages)));
  recordStatementTimes();
  for (const variant of values.variants.split(',')) {
    await runVariant(adminUrl, variant, messages, {
      batchSize: Number(values.batch),
      concurrency: Number(values.concurrency),
      keyed: values.keyed,
    });
  }
}

void main();
