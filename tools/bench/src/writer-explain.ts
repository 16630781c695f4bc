/**
 * EXPLAIN (ANALYZE, BUFFERS) of the writer's outcome statement (`MAINTAIN_OUTCOMES_SQL`) on a
 * typical batch, and the median time of a whole write: the ingest benchmark's traffic (uploads
 * of 7 or 21 statuses, dates spread over the last `--spread-hours`), written in batches of
 * `--batch` by `StatusBatchWriter` into a fresh migrated database; batch `--explain-at` runs its
 * outcome statement under EXPLAIN instead (on its generic plan, as the writer does).
 *
 *   DATABASE_URL=<a database whose role may CREATE DATABASE> \
 *     npx tsx --tsconfig tsconfig.base.json tools/bench/src/writer-explain.ts [--batches 40]
 */
import { parseArgs } from 'node:util';

import { escapeLiteral } from 'pg';
import type { PoolClient } from 'pg';

import {
  DatabasePool,
  MAINTAIN_OUTCOMES_SQL,
  StatementRunner,
  StatusBatchWriter,
} from '@payload-tracker/entities';
import type { SqlStatement } from '@payload-tracker/entities';
import { createDatabase, dropDatabase, migrateDatabase } from '@payload-tracker/local-stack';
import { parseStatusMessage } from '@payload-tracker/status-lifecycle';
import type { StatusMessage } from '@payload-tracker/status-lifecycle';

import { generate } from './bench-traffic';
import { median } from './statistics';

/** A statement's array parameter as PostgreSQL array text (`{"a",NULL}`). */
function arrayLiteral(value: unknown): string {
  if (!Array.isArray(value)) {
    throw new Error('every parameter of the outcome statement is an array');
  }
  const items = value.map((item: unknown) => {
    if (item === null || item === undefined) {
      return 'NULL';
    }
    const text = typeof item === 'string' ? item : JSON.stringify(item);
    return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  });
  return `{${items.join(',')}}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      batches: { type: 'string', default: '40' },
      batch: { type: 'string', default: '2500' },
      'explain-at': { type: 'string', default: '30' },
      'spread-hours': { type: 'string', default: '48' },
    },
  });
  const adminUrl = process.env['DATABASE_URL'];
  if (adminUrl === undefined) {
    throw new Error('DATABASE_URL is required');
  }
  const batchCount = Number(values.batches);
  const batchSize = Number(values.batch);
  const explainAt = Number(values['explain-at']);
  const spreadMs = Number(values['spread-hours']) * 3_600_000;
  const name = `bench_writer_${Date.now().toString(36)}`;
  await createDatabase(adminUrl, name);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await migrateDatabase(url.toString());
  const pool = new DatabasePool({
    connectionString: url.toString(),
    max: 4,
    options: '-c TimeZone=UTC',
  });
  try {
    const messages = generate(batchCount * batchSize, spreadMs).map((value) => {
      const parsed = parseStatusMessage(value, { requestIdLength: 32 });
      if (!parsed.ok) {
        throw new Error(parsed.detail);
      }
      return parsed.message;
    });
    const batches: StatusMessage[][] = [];
    for (let start = 0; start + batchSize <= messages.length; start += batchSize) {
      batches.push(messages.slice(start, start + batchSize));
    }
    let written = 0;
    // The writer's statements go through StatementRunner.queryOn: explain the one batch there.
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called with its `this` below
    const queryOn = StatementRunner.prototype.queryOn;
    StatementRunner.prototype.queryOn = async function explaining<Row>(
      this: StatementRunner,
      client: PoolClient,
      statement: SqlStatement,
    ): Promise<Row[]> {
      if (statement.sql === MAINTAIN_OUTCOMES_SQL && written === explainAt) {
        await client.query('SET plan_cache_mode = force_generic_plan');
        // Prepared without running (every parameter of the statement is cast), then explained once.
        await client.query(`PREPARE explained_outcomes AS ${statement.sql}`);
        // EXECUTE takes no bind parameters: its arguments are written as literals.
        const literals = statement.parameters.map((value) => escapeLiteral(arrayLiteral(value)));
        const result = await client.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN (ANALYZE, BUFFERS) EXECUTE explained_outcomes(${literals.join(', ')})`,
        );
        await client.query('DEALLOCATE explained_outcomes');
        console.log(result.rows.map((row) => row['QUERY PLAN']).join('\n'));
        return [];
      }
      return queryOn.call(this, client, statement) as Promise<Row[]>;
    };
    const writer = new StatusBatchWriter(pool);
    const times: number[] = [];
    for (const batch of batches) {
      const started = performance.now();
      await writer.write(batch);
      if (written !== explainAt && written >= 5) {
        times.push(performance.now() - started);
      }
      written += 1;
    }
    const ms = median(times);
    console.log(
      JSON.stringify({
        batches: batchCount,
        batch: batchSize,
        median_write_ms: Math.round(ms),
        msgs_per_s: Math.round((batchSize / ms) * 1000),
      }),
    );
  } finally {
    await pool.close();
    await dropDatabase(adminUrl, name);
  }
}

void main();
