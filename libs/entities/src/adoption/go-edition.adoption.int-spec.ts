import { Pool } from 'pg';
import type { DataSource } from 'typeorm';

import type { TestDatabase } from '@payload-tracker/local-stack';
import { createTestDatabase } from '@payload-tracker/local-stack';
import type { StatusMessage } from '@payload-tracker/status-lifecycle';
import { formatTimestamp, parseStatusMessage } from '@payload-tracker/status-lifecycle';

import { DatabasePool } from '../database/database-pool';
import { runMigrations } from '../migrations/run-migrations';
import { openTestDataSource } from '../testing/open-test-data-source';
import { readOutcomeSnapshot, recomputeOutcomeSnapshot } from '../testing/outcome-recomputation';
import { dedupeKeyOf } from '../writers/status-batch.plan';
import { StatusBatchWriter } from '../writers/status-batch.writer';
import { AdoptionRefusedError } from './adoption-refused.error';
import { GoEditionAdoption } from './go-edition.adoption';
import type { GoEditionStatus } from './testing/go-edition-fixture';
import { createGoEditionSchema, insertGoEditionStatuses } from './testing/go-edition-fixture';

const DAYS = ['2026-11-27', '2026-11-28', '2026-11-29'];

const REQUESTS = ['a', 'b', 'c', 'd', 'e'].map((letter) => letter.repeat(32));

// Everything JSON escaping can trip on: quotes, backslashes, control characters, non-ASCII.
const AWKWARD_MESSAGE = 'tar: "bad" \\ path\nline two\ttab \u0001 é 😀 </script>';

/** The messages as producers sent them; the Go edition stored each once per delivery. */
const MESSAGES: Record<string, unknown>[] = REQUESTS.flatMap((requestId, index) => {
  const day = DAYS[index % DAYS.length] ?? '2026-11-27';
  const at = (seconds: number): string =>
    `${day}T10:00:${seconds.toString().padStart(2, '0')}.${(123456 + index).toString()}Z`;
  return [
    {
      service: 'ingress',
      request_id: requestId,
      status: 'received',
      date: at(0),
      account: '1000' + index.toString(),
      org_id: 'org' + index.toString(),
    },
    { service: 'ingress', request_id: requestId, status: 'success', date: at(1), status_msg: null },
    {
      service: 'puptoo',
      request_id: requestId,
      status: 'processing',
      date: at(2),
      source: 'insights-client',
    },
    {
      service: 'puptoo',
      request_id: requestId,
      status: index === 1 ? 'error' : 'success',
      date: at(3),
      source: 'insights-client',
      status_msg: index === 1 ? AWKWARD_MESSAGE : 'ok',
      inventory_id: 'inv-' + index.toString(),
    },
    {
      service: 'inventory',
      request_id: requestId,
      status: 'received',
      date: at(4),
      system_id: 'sys-' + index.toString(),
    },
  ];
});

/** Delivered twice (a), three times (b): the Go edition stored every copy. */
const REDELIVERED = [MESSAGES[0], MESSAGES[6], MESSAGES[6], MESSAGES[8]];

function parse(message: Record<string, unknown>): StatusMessage {
  const result = parseStatusMessage(Buffer.from(JSON.stringify(message)), { requestIdLength: 32 });
  if (!result.ok) {
    throw new Error(`fixture message refused: ${result.detail}`);
  }
  return result.message;
}

function asGoStatus(message: StatusMessage): GoEditionStatus {
  return {
    requestId: message.requestId,
    service: message.service,
    source: message.source,
    status: message.status,
    statusMsg: message.statusMsg,
    date: formatTimestamp(message.date),
    account: message.account,
    orgId: message.orgId,
    inventoryId: message.inventoryId,
    systemId: message.systemId,
  };
}

const PARSED = MESSAGES.map(parse);
const DELIVERED = [...PARSED, ...REDELIVERED.map((message) => parse(message ?? {}))];

interface Catalog {
  tables: string[];
  columns: string[];
  indexes: string[];
  constraints: string[];
  functions: string[];
  partitionIndexCounts: string[];
  comment: string | null;
}

/** The schema above the partitions, in comparable form (varchar lengths left out: adoption keeps theirs). */
async function readCatalog(pool: Pool): Promise<Catalog> {
  const list = async (sql: string): Promise<string[]> =>
    (await pool.query<{ item: string }>(sql)).rows.map((row) => row.item);
  const tablesSql = `SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      AND c.relname NOT IN ('schema_migrations')`;
  const [comment] = (
    await pool.query<{ comment: string | null }>(
      `SELECT obj_description(to_regclass('payloads'), 'pg_class') AS comment`,
    )
  ).rows;
  return {
    tables: await list(
      `SELECT relname AS item FROM pg_class WHERE oid IN (${tablesSql}) ORDER BY 1`,
    ),
    columns: await list(`
      SELECT c.relname || '.' || a.attname || ' ' || regexp_replace(format_type(a.atttypid, a.atttypmod), '\\(\\d+\\)', '')
             || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
             || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
             || CASE a.attidentity WHEN 'd' THEN ' identity' ELSE '' END AS item
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
       WHERE a.attrelid IN (${tablesSql}) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY 1`),
    indexes: await list(`
      SELECT pg_get_indexdef(x.indexrelid) || CASE WHEN x.indisvalid THEN '' ELSE ' INVALID' END AS item
        FROM pg_index x WHERE x.indrelid IN (${tablesSql}) ORDER BY 1`),
    constraints: await list(`
      SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS item
        FROM pg_constraint WHERE conrelid IN (${tablesSql}) AND contype IN ('p', 'u', 'f', 'c') ORDER BY 1`),
    functions: await list(`
      SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') ' || md5(p.prosrc) AS item
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' ORDER BY 1`),
    partitionIndexCounts: await list(`
      SELECT c.relname || ' ' || (SELECT count(*) FROM pg_index x WHERE x.indrelid = c.oid)::text AS item
        FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = to_regclass('payload_statuses') ORDER BY 1`),
    comment: comment?.comment ?? null,
  };
}

/** Every row of the data tables, hashed: equal before and after means nothing was written. */
async function readDataHash(pool: Pool): Promise<string> {
  const { rows } = await pool.query<{ hash: string }>(`
    SELECT md5(
      (SELECT coalesce(string_agg(t::text, ',' ORDER BY t::text), '') FROM payloads t) ||
      (SELECT coalesce(string_agg(t::text, ',' ORDER BY t::text), '') FROM payload_statuses t) ||
      (SELECT coalesce(string_agg(t::text, ',' ORDER BY t::text), '') FROM services t)) AS hash`);
  return rows[0]?.hash ?? '';
}

/** The statuses as messages identify them, one line per stored row. */
async function readStatusLines(pool: Pool): Promise<string[]> {
  const { rows } = await pool.query<{ line: string }>(`
    SELECT concat_ws('|', p.request_id, sv.name, coalesce(so.name, '-'), st.name, coalesce(s.status_msg, '-'),
                     to_char(s.date AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')) AS line
      FROM payload_statuses s JOIN payloads p ON p.id = s.payload_id
      JOIN services sv ON sv.id = s.service_id LEFT JOIN sources so ON so.id = s.source_id
      JOIN statuses st ON st.id = s.status_id ORDER BY 1`);
  return rows.map((row) => row.line);
}

interface GoDatabase {
  database: TestDatabase;
  pool: Pool;
  databasePool: DatabasePool;
  dataSource: DataSource;
  sut: GoEditionAdoption;
  close(): Promise<void>;
}

async function openDatabase(database: TestDatabase): Promise<GoDatabase> {
  const config = { connectionString: database.url, max: 4, options: '-c TimeZone=UTC' };
  const pool = new Pool(config);
  const databasePool = new DatabasePool(config);
  const dataSource = await openTestDataSource(database.url);
  return {
    database,
    pool,
    databasePool,
    dataSource,
    sut: new GoEditionAdoption(dataSource, databasePool),
    close: async () => {
      await dataSource.destroy();
      await databasePool.close();
      await pool.end();
      await database.drop();
    },
  };
}

async function createGoDatabase(statuses: readonly StatusMessage[]): Promise<GoDatabase> {
  const opened = await openDatabase(await createTestDatabase());
  const client = await opened.pool.connect();
  try {
    await createGoEditionSchema(client, { days: DAYS });
    await insertGoEditionStatuses(client, statuses.map(asGoStatus));
  } finally {
    client.release();
  }
  return opened;
}

describe('GoEditionAdoption', () => {
  let reference: GoDatabase;
  let referenceCatalog: Catalog;

  beforeAll(async () => {
    reference = await openDatabase(await createTestDatabase());
    referenceCatalog = await readCatalog(reference.pool);
  });

  afterAll(async () => {
    await reference.close();
  });

  describe('on a database that is not the Go edition', () => {
    it('refuses our own schema, naming what it found, and changes nothing', async () => {
      const before = await readCatalog(reference.pool);
      await expect(reference.sut.apply()).rejects.toThrow(AdoptionRefusedError);
      await expect(reference.sut.apply()).rejects.toMatchObject({ code: 'ours' });
      await expect(reference.sut.plan()).rejects.toThrow(/typeorm_migrations records 7 migrations/);
      expect(await readCatalog(reference.pool)).toEqual(before);
    });

    it('refuses an empty database and another shape', async () => {
      const other = await openDatabase(await createTestDatabase());
      try {
        await other.pool.query('DROP SCHEMA public CASCADE');
        await other.pool.query('CREATE SCHEMA public');
        await expect(other.sut.apply()).rejects.toMatchObject({ code: 'empty' });

        const client = await other.pool.connect();
        try {
          await createGoEditionSchema(client, { days: DAYS });
        } finally {
          client.release();
        }
        await other.pool.query('ALTER TABLE payloads ADD COLUMN tenant varchar');
        await other.pool.query('DROP TABLE sources CASCADE');
        const refusal = other.sut.apply();
        await expect(refusal).rejects.toMatchObject({ code: 'unrecognised' });
        await expect(other.sut.apply()).rejects.toThrow(/table sources is missing/);
        await expect(other.sut.apply()).rejects.toThrow(
          /payloads has columns \(account, created_at, id, inventory_id, org_id, request_id, system_id, tenant\)/,
        );
        expect((await readCatalog(other.pool)).comment).toBeNull();
      } finally {
        await other.close();
      }
    });
  });

  describe('on a Go-edition database with duplicates', () => {
    let go: GoDatabase;
    let linesBefore: string[];

    beforeAll(async () => {
      go = await createGoDatabase(DELIVERED);
      linesBefore = await readStatusLines(go.pool);
    });

    afterAll(async () => {
      await go.close();
    });

    it('holds what the fixture stored: every delivery a row', async () => {
      expect(linesBefore).toHaveLength(DELIVERED.length);
      expect(await go.sut.detect()).toMatchObject({ kind: 'go-edition' });
    });

    it('plans every step with its row counts and the duplicates, changing nothing', async () => {
      const catalogBefore = await readCatalog(go.pool);
      const dataBefore = await readDataHash(go.pool);

      const plan = await go.sut.plan();

      expect(plan.isDryRun).toBe(true);
      expect(plan.steps.map((step) => step.step)).toEqual([
        'begin',
        'functions',
        'lookup-tables',
        'payloads-keys',
        'payloads-indexes',
        'statuses-columns',
        'duplicates',
        'statuses-old-indexes',
        'dedupe-keys',
        'statuses-indexes',
        'statuses-constraints',
        'outcomes',
        'migrations-record',
        'finish',
      ]);
      expect(plan.steps.every((step) => !step.isDone)).toBe(true);
      const rowsOf = (name: string): number | undefined =>
        plan.steps.find((step) => step.step === name)?.rows;
      expect(rowsOf('duplicates')).toBe(4);
      expect(rowsOf('dedupe-keys')).toBe(DELIVERED.length);
      expect(rowsOf('payloads-indexes')).toBe(REQUESTS.length);
      expect(rowsOf('outcomes')).toBe(REQUESTS.length);
      expect(rowsOf('migrations-record')).toBe(7);
      // 7 parent indexes + 6 single-column ones on each of the 3 partitions.
      expect(rowsOf('statuses-old-indexes')).toBe(7 + 6 * DAYS.length);
      expect(plan.duplicates).toEqual({
        extraRows: 4,
        payloads: 2,
        sample: [
          { requestId: REQUESTS[1], extraRows: 3 },
          { requestId: REQUESTS[0], extraRows: 1 },
        ],
        action: 'found',
      });

      expect(await readCatalog(go.pool)).toEqual(catalogBefore);
      expect(await readDataHash(go.pool)).toEqual(dataBefore);
    });

    it('stops after a step when told, and a later run completes the adoption', async () => {
      const partial = await go.sut.apply({ stopAfter: 'dedupe-keys', batchSize: 3 });
      expect(partial.stoppedAfter).toBe('dedupe-keys');
      expect(partial.duplicates).toMatchObject({ extraRows: 4, action: 'deleted' });
      expect(await go.sut.detect()).toMatchObject({ kind: 'adopting' });
      // An interrupted concurrent build leaves an invalid index behind; the re-run drops it
      // (it is no index of ours until attached) and builds the partition's own.
      await go.pool.query(
        `CREATE UNIQUE INDEX partition_20261127_20261128_dedupe ON partition_20261127_20261128 (dedupe_key, date)`,
      );
      await go.pool.query(
        `UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'partition_20261127_20261128_dedupe'::regclass`,
      );

      const rest = await go.sut.apply({ batchSize: 3 });

      expect(rest.stoppedAfter).toBeNull();
      const ran = rest.steps.filter((step) => !step.isDone).map((step) => step.step);
      expect(ran).toEqual([
        'statuses-old-indexes',
        'statuses-indexes',
        'statuses-constraints',
        'outcomes',
        'migrations-record',
        'finish',
      ]);
      expect(await go.sut.detect()).toMatchObject({ kind: 'adopted' });
    });

    it('keeps every row but the reported exact duplicates', async () => {
      expect(await readStatusLines(go.pool)).toEqual([...new Set(linesBefore)]);
    });

    it('leaves the schema our migrations build, keeping the wider varchar columns', async () => {
      const adopted = await readCatalog(go.pool);
      expect(adopted.tables).toEqual(referenceCatalog.tables);
      expect(adopted.columns).toEqual(referenceCatalog.columns);
      expect(adopted.indexes).toEqual(referenceCatalog.indexes);
      expect(adopted.constraints).toEqual(referenceCatalog.constraints);
      expect(adopted.functions).toEqual(referenceCatalog.functions);
      const parentIndexes = referenceCatalog.indexes.filter((index) =>
        / ON (ONLY )?public\.payload_statuses /.test(index),
      ).length;
      expect(adopted.partitionIndexCounts.length).toBeGreaterThanOrEqual(DAYS.length);
      for (const line of adopted.partitionIndexCounts) {
        expect(line).toMatch(new RegExp(` ${parentIndexes.toString()}$`));
      }
    });

    it('computes the dedupe key the ingester computes, so a replay stores nothing', async () => {
      const { rows } = await go.pool.query<{ key: string }>(
        `SELECT dedupe_key::text AS key FROM payload_statuses`,
      );
      expect(new Set(rows.map((row) => row.key))).toEqual(new Set(PARSED.map(dedupeKeyOf)));

      const result = await new StatusBatchWriter(go.databasePool).write(DELIVERED);

      expect(result.stored).toBe(0);
      expect(result.duplicates).toBe(DELIVERED.length);
      expect(await readStatusLines(go.pool)).toEqual([...new Set(linesBefore)]);
    });

    it('gives every payload the outcome the domain rules compute', async () => {
      const snapshot = await readOutcomeSnapshot(go.pool);
      expect(snapshot).toEqual(await recomputeOutcomeSnapshot(go.pool));
      expect((await go.pool.query('SELECT 1 FROM payload_outcomes')).rowCount).toBe(
        REQUESTS.length,
      );
    });

    it('records our migrations, so that migrate up is a no-op and ids continue', async () => {
      expect(await runMigrations(go.dataSource)).toEqual([]);
      const written = await new StatusBatchWriter(go.databasePool).write([
        parse({
          service: 'ingress',
          request_id: 'f'.repeat(32),
          status: 'received',
          date: '2026-11-29T12:00:00Z',
        }),
      ]);
      expect(written.stored).toBe(1);
      const { rows } = await go.pool.query<{ ok: boolean }>(
        `SELECT (SELECT max(id) FROM payloads WHERE request_id = $1) > (SELECT max(id) FROM payloads WHERE request_id <> $1) AS ok`,
        ['f'.repeat(32)],
      );
      expect(rows[0]?.ok).toBe(true);
    });

    it('does nothing when run again', async () => {
      const catalogBefore = await readCatalog(go.pool);
      const dataBefore = await readDataHash(go.pool);

      const again = await go.sut.apply();

      expect(again.detection.kind).toBe('adopted');
      expect(again.steps).toEqual([]);
      expect(await readCatalog(go.pool)).toEqual(catalogBefore);
      expect(await readDataHash(go.pool)).toEqual(dataBefore);
    });
  });

  describe('with --keep-duplicates', () => {
    let go: GoDatabase;

    beforeAll(async () => {
      go = await createGoDatabase(DELIVERED);
    });

    afterAll(async () => {
      await go.close();
    });

    it('keeps every row, gives the extra copies keys of their own, and a replay still stores nothing', async () => {
      const before = await readStatusLines(go.pool);

      const report = await go.sut.apply({ keepDuplicates: true });

      expect(report.duplicates).toMatchObject({ extraRows: 4, payloads: 2, action: 'kept' });
      expect(await readStatusLines(go.pool)).toEqual(before);
      const result = await new StatusBatchWriter(go.databasePool).write(DELIVERED);
      expect(result.stored).toBe(0);
      expect(await readStatusLines(go.pool)).toEqual(before);
    });
  });
});
