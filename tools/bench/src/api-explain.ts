/**
 * EXPLAIN (ANALYZE, BUFFERS) of the SQL behind every list shape of the API benchmark, on the
 * seeded database. The statements are the api's own: the built api is started behind
 * {@link ApiStatementRecorder}, each shape is requested once, and what the api bound is
 * explained twice: with its values (a custom plan) and as a generic plan of the prepared
 * statement (the api prepares every statement, and PostgreSQL switches to the generic plan
 * after five executions when it looks no dearer).
 *
 *   npx nx run api:build
 *   DATABASE_URL=... npx tsx --tsconfig tsconfig.base.json tools/bench/src/api-explain.ts [--samples 3]
 *
 * Prints one JSON line per statement: index-only (no Seq Scan on payloads or a
 * payload_statuses partition), the indexes used, execution time, shared buffers; then one line
 * naming the statements with a big Seq Scan or slower than 10 ms.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { COUNT_LIMIT } from '@payload-tracker/api-contract';
import { Client } from 'pg';

import { ApiProcess } from './api-process';
import { requestShapes, sampleValues } from './api-shapes';
import { ApiStatementRecorder } from './api-statement-recorder';
import type { RecordedStatement } from './api-statement-recorder';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
}

interface ExplainOutput {
  Plan: PlanNode;
  'Execution Time': number;
  'Planning Time': number;
}

interface PlanSummary {
  execution_ms: number;
  /** No Seq Scan on payloads or a payload_statuses partition. */
  index_only: boolean;
  /** Seq Scans on big tables, with the rows each read (a LIMITed count reads at most 10,001). */
  seq_scans: string[];
  /** A Seq Scan on a big table read more rows than a LIMITed count does: a missing index. */
  has_big_seq_scan: boolean;
  indexes: string[];
  sorts: number;
  shared_blocks: number;
}

/** A count stops after COUNT_LIMIT + 1 rows: a sequential scan that reads no more is bounded. */
const COUNT_ROWS_READ = COUNT_LIMIT + 1;

/** Execution time past which a statement is flagged (a fifth of the list budget). */
const SLOW_MS = 10;

/** Big tables: a Seq Scan on one of these is a missing index. */
const isBigRelation = (name: string): boolean =>
  name === 'payloads' || name === 'payload_statuses' || name.startsWith('partition_');

function summarise(output: ExplainOutput): PlanSummary {
  const seqScans = new Map<string, number>();
  const indexes = new Set<string>();
  let sorts = 0;
  const walk = (node: PlanNode): void => {
    const relation = node['Relation Name'] ?? '';
    if (node['Node Type'] === 'Seq Scan' && isBigRelation(relation)) {
      const rows = (node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0);
      seqScans.set(relation, (seqScans.get(relation) ?? 0) + rows * (node['Actual Loops'] ?? 1));
    }
    if (node['Index Name'] !== undefined) {
      // Partitions' indexes are named after the parent index plus the partition: keep the shape.
      indexes.add(node['Index Name'].replace(/^partition_\d+_\d+_/, 'partition_*_'));
    }
    if (node['Node Type'] === 'Sort' || node['Node Type'] === 'Incremental Sort') {
      sorts++;
    }
    node.Plans?.forEach(walk);
  };
  walk(output.Plan);
  return {
    execution_ms: Number(output['Execution Time'].toFixed(2)),
    index_only: seqScans.size === 0,
    has_big_seq_scan: [...seqScans.values()].some((rows) => rows > COUNT_ROWS_READ),
    seq_scans: [...seqScans]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([relation, rows]) => `${relation} (${Math.round(rows).toString()} rows)`),
    indexes: [...indexes].sort(),
    sorts,
    shared_blocks:
      (output.Plan['Shared Hit Blocks'] ?? 0) + (output.Plan['Shared Read Blocks'] ?? 0),
  };
}

async function explainCustom(client: Client, statement: RecordedStatement): Promise<PlanSummary> {
  const result = await client.query<{ 'QUERY PLAN': ExplainOutput[] }>(
    `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement.sql}`,
    statement.parameters,
  );
  const [output] = result.rows[0]?.['QUERY PLAN'] ?? [];
  if (output === undefined) {
    throw new Error('EXPLAIN returned nothing');
  }
  return summarise(output);
}

/** The plan the api's prepared statement uses once PostgreSQL settles on a generic one. */
async function explainGeneric(client: Client, statement: RecordedStatement): Promise<PlanSummary> {
  await client.query(`PREPARE bench_generic AS ${statement.sql}`);
  try {
    await client.query(`SET plan_cache_mode = force_generic_plan`);
    const literals = statement.parameters.map((value) =>
      value === null ? 'NULL' : client.escapeLiteral(value),
    );
    const argumentList = literals.length === 0 ? '' : `(${literals.join(', ')})`;
    const result = await client.query<{ 'QUERY PLAN': ExplainOutput[] }>(
      `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) EXECUTE bench_generic${argumentList}`,
    );
    const [output] = result.rows[0]?.['QUERY PLAN'] ?? [];
    if (output === undefined) {
      throw new Error('EXPLAIN returned nothing');
    }
    return summarise(output);
  } finally {
    await client.query(`RESET plan_cache_mode`);
    await client.query(`DEALLOCATE bench_generic`);
  }
}

function statementKind(sql: string): string {
  return /^\s*SELECT count\(\*\)/i.test(sql) ? 'count' : 'page';
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { samples: { type: 'string', default: '1' } },
  });
  const databaseUrl = process.env['DATABASE_URL'];
  if (!databaseUrl) {
    throw new Error('DATABASE_URL must point to the seeded database');
  }
  const upstream = new URL(databaseUrl);
  const recorder = await ApiStatementRecorder.start({
    host: upstream.hostname,
    port: Number(upstream.port || '5432'),
  });
  const proxied = new URL(databaseUrl);
  proxied.hostname = '127.0.0.1';
  proxied.port = recorder.port.toString();
  const logFile = join(tmpdir(), `api-explain-${process.pid.toString()}.log`);
  const api = await ApiProcess.start({
    databaseUrl: proxied.toString(),
    logFile,
    extraEnv: { DB_POOL_SIZE: '1' },
  });
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`SET TimeZone = 'UTC'`);
    const shapes = requestShapes(await sampleValues(databaseUrl));
    const flagged = { custom: [] as string[], generic: [] as string[] };
    for (const shape of shapes) {
      for (let sample = 0; sample < Number(values.samples); sample++) {
        recorder.take();
        const path = shape.path();
        const response = await fetch(api.baseUrl + path);
        await response.arrayBuffer();
        if (response.status !== 200) {
          throw new Error(`${path} answered ${response.status.toString()}`);
        }
        const statements = recorder
          .take()
          .filter((statement) => /payload_statuses|payloads/.test(statement.sql));
        for (const statement of statements) {
          const line = {
            shape: shape.name,
            path,
            statement: statementKind(statement.sql),
            custom: await explainCustom(client, statement),
            generic: await explainGeneric(client, statement),
          };
          for (const plan of ['custom', 'generic'] as const) {
            if (line[plan].has_big_seq_scan || line[plan].execution_ms > SLOW_MS) {
              flagged[plan].push(`${line.shape} (${line.statement})`);
            }
          }
          console.log(JSON.stringify(line));
        }
      }
    }
    console.log(
      JSON.stringify({
        big_seq_scan_or_over_ms: SLOW_MS,
        custom: flagged.custom,
        generic: flagged.generic,
      }),
    );
  } finally {
    await client.end();
    await api.stop();
    await recorder.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
