import type { PoolClient } from 'pg';

import { ADOPTION_MARKERS, LOOKUP_TABLES } from './adoption-schema';

/**
 * What a database is, for adoption:
 * - `go-edition`: the Go edition's schema, untouched by us;
 * - `adopting`: an adoption started and did not finish (a re-run goes on);
 * - `adopted`: an adoption finished (a re-run does nothing);
 * - `ours`: built by our migrations (nothing to adopt);
 * - `empty`: no tables at all;
 * - `unrecognised`: anything else.
 */
export type DatabaseKind =
  'go-edition' | 'adopting' | 'adopted' | 'ours' | 'empty' | 'unrecognised';

/** {@link detectDatabase}'s answer: the kind, and what it found that decided it. */
export interface DatabaseDetection {
  readonly kind: DatabaseKind;
  readonly findings: readonly string[];
}

const GO_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  payloads: ['account', 'created_at', 'id', 'inventory_id', 'org_id', 'request_id', 'system_id'],
  payload_statuses: [
    'created_at',
    'date',
    'id',
    'payload_id',
    'service_id',
    'source_id',
    'status_id',
    'status_msg',
  ],
  ...Object.fromEntries(LOOKUP_TABLES.map((table) => [table, ['id', 'name']])),
};

/** Tables that only our migrations create: their presence means the database is not the Go edition's. */
const OUR_ONLY_TABLES = [
  'payload_groups',
  'payload_outcomes',
  'service_stats_buckets',
  'service_duration_buckets',
  'payload_state_buckets',
];

const TABLES_SQL = `
  SELECT c.relname AS name, c.relkind AS kind, obj_description(c.oid, 'pg_class') AS comment
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
  ORDER BY 1`;

const COLUMNS_SQL = `
  SELECT table_name AS table, column_name AS name
  FROM information_schema.columns
  WHERE table_schema = current_schema() AND table_name = ANY($1::text[])
  ORDER BY 1, 2`;

async function rows<Row>(
  client: PoolClient,
  sql: string,
  parameters: unknown[] = [],
): Promise<Row[]> {
  return (await client.query<Row & Record<string, unknown>>(sql, parameters)).rows;
}

function sameList(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && left.every((item, index) => item === right[index]);
}

/**
 * Looks at a database (its current schema) and says whether adoption may run on it. Reads the
 * catalog only.
 *
 * @param client - a connection to the database
 * @param migrationsTable - the name of TypeORM's bookkeeping table
 */
export async function detectDatabase(
  client: PoolClient,
  migrationsTable: string,
): Promise<DatabaseDetection> {
  const tables = await rows<{ name: string; kind: string; comment: string | null }>(
    client,
    TABLES_SQL,
  );
  if (tables.length === 0) {
    return { kind: 'empty', findings: ['the database has no tables'] };
  }
  const byName = new Map(tables.map((table) => [table.name, table]));
  const payloads = byName.get('payloads');
  if (payloads === undefined) {
    return {
      kind: 'unrecognised',
      findings: [`no payloads table; tables found: ${tables.map((t) => t.name).join(', ')}`],
    };
  }
  const marker = payloads.comment;
  if (byName.has(migrationsTable)) {
    const [recorded] = await rows<{ count: number }>(
      client,
      `SELECT count(*)::integer AS count FROM ${migrationsTable}`,
    );
    const count = recorded?.count ?? 0;
    if (count > 0 && marker === ADOPTION_MARKERS.done) {
      return {
        kind: 'adopted',
        findings: [`adopted; ${migrationsTable} records ${count.toString()} migrations`],
      };
    }
    if (count > 0 && marker !== ADOPTION_MARKERS.inProgress) {
      return {
        kind: 'ours',
        findings: [
          `${migrationsTable} records ${count.toString()} migrations: the schema is already ours (run "migrate up")`,
        ],
      };
    }
  }

  const isStarted = marker === ADOPTION_MARKERS.inProgress || marker === ADOPTION_MARKERS.done;
  const findings: string[] = [];
  const columns = await rows<{ table: string; name: string }>(client, COLUMNS_SQL, [
    Object.keys(GO_COLUMNS),
  ]);
  for (const [table, expected] of Object.entries(GO_COLUMNS)) {
    if (!byName.has(table)) {
      findings.push(`table ${table} is missing`);
      continue;
    }
    const found = columns
      .filter((column) => column.table === table)
      .map((column) => column.name)
      .filter((name) => !(isStarted && table === 'payload_statuses' && name === 'dedupe_key'));
    if (!sameList(found, expected)) {
      findings.push(
        `${table} has columns (${found.join(', ')}), expected (${expected.join(', ')})`,
      );
    }
  }
  const statuses = byName.get('payload_statuses');
  if (statuses !== undefined) {
    const [key] = await rows<{ key: string | null }>(
      client,
      `SELECT pg_get_partkeydef('payload_statuses'::regclass) AS key`,
    );
    if (key?.key !== 'RANGE (date)') {
      findings.push(
        `payload_statuses is not partitioned by RANGE (date) (found: ${key?.key ?? 'not partitioned'})`,
      );
    }
  }
  if (!isStarted) {
    const ours = OUR_ONLY_TABLES.filter((table) => byName.has(table));
    if (ours.length > 0) {
      findings.push(`tables of our schema exist without recorded migrations: ${ours.join(', ')}`);
    }
    const [primaryKey] = await rows<{ count: number }>(
      client,
      `SELECT count(*)::integer AS count FROM pg_constraint
        WHERE conrelid = 'payloads'::regclass AND contype = 'p' AND conname = 'payloads_pkey'`,
    );
    if ((primaryKey?.count ?? 0) === 0) {
      findings.push('payloads has no primary key named payloads_pkey (the Go edition names it so)');
    }
  }
  if (findings.length > 0) {
    return { kind: 'unrecognised', findings };
  }
  return isStarted
    ? { kind: 'adopting', findings: ['an adoption started here and has not finished'] }
    : {
        kind: 'go-edition',
        findings: ['the Go edition schema: payloads, partitioned payload_statuses, lookups'],
      };
}
