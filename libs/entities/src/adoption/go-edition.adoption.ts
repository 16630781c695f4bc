import type { PoolClient } from 'pg';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';

import type { DatabasePool } from '../database/database-pool';
import { CreatePartitionFunctions1795827720000 } from '../migrations/1795827720000-CreatePartitionFunctions';
import { AddPayloadOutcomes1795831000000 } from '../migrations/1795831000000-AddPayloadOutcomes';
import { migrations } from '../migrations/migrations';
import { createMigrationsTableSql } from '../migrations/run-migrations';
import { OutcomeBackfill } from '../outcomes/outcome-backfill';
import type { TargetIndex } from './adoption-schema';
import {
  ADOPTION_MARKERS,
  DEDUPE_KEY_SQL,
  KEPT_DUPLICATE_KEY_SQL,
  LOOKUP_FOREIGN_KEYS,
  LOOKUP_TABLES,
  PAYLOAD_INDEXES,
  STATUS_INDEXES,
} from './adoption-schema';
import { AdoptionRefusedError } from './adoption-refused.error';
import type { DatabaseDetection } from './go-edition-detection';
import { detectDatabase } from './go-edition-detection';

/** The steps of an adoption, in the order they run. */
export const ADOPTION_STEPS = [
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
] as const;

/** One of {@link ADOPTION_STEPS}. */
export type AdoptionStepName = (typeof ADOPTION_STEPS)[number];

/** How an adoption runs. */
export interface AdoptionOptions {
  /** Keep exact duplicates (each extra copy gets a key of its own) instead of deleting them. */
  readonly keepDuplicates?: boolean;
  /** Stop after this step (a later run goes on from there). */
  readonly stopAfter?: AdoptionStepName;
  /** Status rows per dedupe-key transaction (default 10,000). */
  readonly batchSize?: number;
  /** Payloads per outcome transaction (default 2,000). */
  readonly outcomeBatchSize?: number;
  /** Told when each step starts and ends (the job logs it; the benchmark times it). */
  readonly onStep?: (event: AdoptionStepEvent) => void;
}

/** A step starting (`millis` absent) or finished. */
export interface AdoptionStepEvent {
  readonly step: AdoptionStepName;
  readonly phase: 'start' | 'end';
  readonly rows?: number;
  readonly millis?: number;
}

/** What one step would do (dry run) or did. */
export interface AdoptionStepReport {
  readonly step: AdoptionStepName;
  readonly description: string;
  /** The step had nothing left to do when it was looked at. */
  readonly isDone: boolean;
  /** Rows it touches or reads: see `unit`. */
  readonly rows: number;
  readonly unit: string;
  readonly millis?: number;
}

/** Exact duplicates of `payload_statuses` (same payload, service, source, status, message, date). */
export interface DuplicateReport {
  /** Rows beyond the first of each set of identical statuses. */
  readonly extraRows: number;
  /** Payloads with at least one. */
  readonly payloads: number;
  /** The request_ids with the most extra rows (at most 10). */
  readonly sample: readonly { requestId: string; extraRows: number }[];
  /** `deleted`, `kept` (given keys of their own), or `found` (dry run). */
  readonly action: 'deleted' | 'kept' | 'found';
}

/** {@link GoEditionAdoption.plan}'s and {@link GoEditionAdoption.apply}'s answer. */
export interface AdoptionReport {
  readonly detection: DatabaseDetection;
  readonly isDryRun: boolean;
  readonly steps: readonly AdoptionStepReport[];
  readonly duplicates: DuplicateReport | null;
  /** The last step run when `stopAfter` cut the run short. */
  readonly stoppedAfter: AdoptionStepName | null;
}

interface StepState {
  readonly isDone: boolean;
  readonly rows: number;
}

interface Step {
  readonly name: AdoptionStepName;
  readonly description: string;
  readonly unit: string;
  inspect(): Promise<StepState>;
  run(): Promise<number>;
}

const MIGRATION_LOCK_KEY = 'payload-tracker.migrations';
const NOT_NULL_CHECK = 'ck_adoption_dedupe_key_not_null';
const GO_FUNCTIONS = ['create_partition', 'drop_partition', 'get_date_string'];
const DUPLICATE_SAMPLE_SIZE = 10;

/*
 * Exact duplicates of one partition: every row after the first (lowest id) of a set with the
 * same payload, service, source, status, message and date. GROUP BY treats NULLs as equal, as
 * the dedupe key does.
 */
const extraCopiesSql = (partition: string): string => `
  SELECT unnest((array_agg(id ORDER BY id))[2:]) AS id, payload_id, date
  FROM ONLY ${partition}
  GROUP BY payload_id, service_id, source_id, status_id, status_msg, date
  HAVING count(*) > 1`;

const isValidIdentifier = (name: string): boolean => /^[a-z_][a-z0-9_]*$/.test(name);

function quoteIdentifier(name: string): string {
  if (!isValidIdentifier(name)) {
    throw new Error(`unexpected identifier ${JSON.stringify(name)}`);
  }
  return name;
}

function timestampOf(migration: MigrationInterface): string {
  const match = /(\d{13})$/.exec(migration.name ?? '');
  if (match?.[1] === undefined) {
    throw new Error(`migration ${migration.name ?? '?'} has no timestamp`);
  }
  return match[1];
}

/**
 * Takes over a database of the Go edition in place: detects it, plans the steps, and brings it
 * to our schema (see docs/operations.md, "Taking over a Go-edition deployment"). Every step
 * checks whether it is done before it runs and commits what it does, so an interrupted run goes
 * on where it stopped. Statements that rewrite or scan the big tables run outside a long
 * transaction: indexes are built `CONCURRENTLY` (on `payload_statuses` per partition, then
 * attached to the parent), the dedupe key is filled in committed batches, and NOT NULL is
 * proven by validated checks first so that setting it scans nothing.
 */
export class GoEditionAdoption {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pool: DatabasePool,
  ) {}

  private get migrationsTable(): string {
    return this.dataSource.options.migrationsTableName ?? 'migrations';
  }

  /** What the database is (reads the catalog only). */
  async detect(): Promise<DatabaseDetection> {
    return this.withClient((client) => detectDatabase(client, this.migrationsTable));
  }

  /**
   * The dry run: each step, whether it is done and the rows it would touch, and the exact
   * duplicates it would remove. Changes nothing.
   *
   * @throws AdoptionRefusedError on a database that is not the Go edition's
   */
  async plan(options: AdoptionOptions = {}): Promise<AdoptionReport> {
    return this.withClient(async (client) => {
      const detection = await this.requireAdoptable(client);
      if (detection.kind === 'adopted') {
        return { detection, isDryRun: true, steps: [], duplicates: null, stoppedAfter: null };
      }
      const context = new AdoptionContext(client, this, options);
      const steps: AdoptionStepReport[] = [];
      for (const step of context.steps()) {
        const state = await step.inspect();
        steps.push({ step: step.name, description: step.description, unit: step.unit, ...state });
      }
      return {
        detection,
        isDryRun: true,
        steps,
        duplicates: context.duplicates('found'),
        stoppedAfter: null,
      };
    });
  }

  /**
   * Runs every step that is not done yet, in order, holding the migrations' advisory lock.
   * On an adopted database it does nothing.
   *
   * @throws AdoptionRefusedError on a database that is not the Go edition's
   */
  async apply(options: AdoptionOptions = {}): Promise<AdoptionReport> {
    return this.withClient(async (client) => {
      await client.query(`SELECT pg_advisory_lock(hashtext($1))`, [MIGRATION_LOCK_KEY]);
      try {
        const detection = await this.requireAdoptable(client);
        if (detection.kind === 'adopted') {
          return { detection, isDryRun: false, steps: [], duplicates: null, stoppedAfter: null };
        }
        const context = new AdoptionContext(client, this, options);
        const steps: AdoptionStepReport[] = [];
        for (const step of context.steps()) {
          const state = await step.inspect();
          const started = Date.now();
          options.onStep?.({ step: step.name, phase: 'start', rows: state.rows });
          const rows = state.isDone ? 0 : await step.run();
          const millis = Date.now() - started;
          options.onStep?.({ step: step.name, phase: 'end', rows, millis });
          steps.push({
            step: step.name,
            description: step.description,
            unit: step.unit,
            isDone: state.isDone,
            rows,
            millis,
          });
          if (options.stopAfter === step.name) {
            return {
              detection,
              isDryRun: false,
              steps,
              duplicates: context.duplicates(options.keepDuplicates ? 'kept' : 'deleted'),
              stoppedAfter: step.name,
            };
          }
        }
        return {
          detection,
          isDryRun: false,
          steps,
          duplicates: context.duplicates(options.keepDuplicates ? 'kept' : 'deleted'),
          stoppedAfter: null,
        };
      } finally {
        await client.query(`SELECT pg_advisory_unlock(hashtext($1))`, [MIGRATION_LOCK_KEY]);
      }
    });
  }

  /** Runs a migration's `up` in a transaction of its own, with `before` first in it. */
  async runMigrationUp(migration: MigrationInterface, before: string[] = []): Promise<void> {
    const runner: QueryRunner = this.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      try {
        for (const sql of before) {
          await runner.query(sql);
        }
        await migration.up(runner);
        await runner.commitTransaction();
      } catch (error: unknown) {
        await runner.rollbackTransaction();
        throw error;
      }
    } finally {
      await runner.release();
    }
  }

  /** Gives outcomes to the payloads without one, in committed batches. */
  async backfillOutcomes(batchSize: number): Promise<number> {
    const summary = await new OutcomeBackfill(this.pool).run(batchSize);
    return summary.payloads;
  }

  /** The migrations table name, for the record step. */
  migrationsTableName(): string {
    return this.migrationsTable;
  }

  private async requireAdoptable(client: PoolClient): Promise<DatabaseDetection> {
    const detection = await detectDatabase(client, this.migrationsTable);
    switch (detection.kind) {
      case 'go-edition':
      case 'adopting':
      case 'adopted':
        return detection;
      case 'ours':
      case 'empty':
      case 'unrecognised':
        throw new AdoptionRefusedError(detection.kind, detection.findings);
    }
  }

  private async withClient<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let failure: Error | undefined;
    try {
      return await work(client);
    } catch (error: unknown) {
      failure = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      client.release(failure);
    }
  }
}

/** The steps of one run, on one connection, with what they found along the way. */
class AdoptionContext {
  private readonly extraByPayload = new Map<string, number>();
  private readonly rowCounts = new Map<string, number>();
  private hasCountedDuplicates = false;

  constructor(
    private readonly client: PoolClient,
    private readonly adoption: GoEditionAdoption,
    private readonly options: AdoptionOptions,
  ) {}

  duplicates(action: DuplicateReport['action']): DuplicateReport | null {
    if (!this.hasCountedDuplicates) {
      return null;
    }
    const sorted = [...this.extraByPayload.entries()].sort((a, b) => b[1] - a[1]);
    return {
      extraRows: sorted.reduce((sum, [, count]) => sum + count, 0),
      payloads: sorted.length,
      sample: sorted
        .slice(0, DUPLICATE_SAMPLE_SIZE)
        .map(([requestId, extraRows]) => ({ requestId, extraRows })),
      action,
    };
  }

  steps(): Step[] {
    return [
      this.beginStep(),
      this.functionsStep(),
      this.lookupTablesStep(),
      this.payloadsKeysStep(),
      this.payloadsIndexesStep(),
      this.statusesColumnsStep(),
      this.duplicatesStep(),
      // Before the backfill: every index of a row is rewritten by its update, and the Go
      // edition has fourteen per partition.
      this.statusesOldIndexesStep(),
      this.dedupeKeysStep(),
      this.statusesIndexesStep(),
      this.statusesConstraintsStep(),
      this.outcomesStep(),
      this.migrationsRecordStep(),
      this.finishStep(),
    ];
  }

  private async rows<Row>(sql: string, parameters: unknown[] = []): Promise<Row[]> {
    return (await this.client.query<Row & Record<string, unknown>>(sql, parameters)).rows;
  }

  private async count(sql: string, parameters: unknown[] = []): Promise<number> {
    const [row] = await this.rows<{ count: string | number }>(sql, parameters);
    return Number(row?.count ?? 0);
  }

  private async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.client.query('BEGIN');
    try {
      const result = await work();
      await this.client.query('COMMIT');
      return result;
    } catch (error: unknown) {
      await this.client.query('ROLLBACK');
      throw error;
    }
  }

  private async tableComment(): Promise<string | null> {
    const [row] = await this.rows<{ comment: string | null }>(
      `SELECT obj_description('payloads'::regclass, 'pg_class') AS comment`,
    );
    return row?.comment ?? null;
  }

  private async hasColumn(table: string, column: string): Promise<boolean> {
    return (
      (await this.count(
        `SELECT count(*) FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name = $1 AND column_name = $2`,
        [table, column],
      )) > 0
    );
  }

  private async hasTable(table: string): Promise<boolean> {
    return (
      (await this.count(`SELECT count(*) FROM pg_class WHERE oid = to_regclass($1)`, [table])) > 0
    );
  }

  private async partitions(): Promise<string[]> {
    const found = await this.rows<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'payload_statuses'::regclass ORDER BY 1`,
    );
    return found.map((row) => quoteIdentifier(row.name));
  }

  /** Exact row count, taken once per run (only the duplicates step changes it, and clears it). */
  private async tableRows(table: string): Promise<number> {
    const known = this.rowCounts.get(table);
    if (known !== undefined) {
      return known;
    }
    const counted = await this.count(`SELECT count(*) FROM ${table}`);
    this.rowCounts.set(table, counted);
    return counted;
  }

  private async constraintName(
    table: string,
    type: 'p' | 'u',
    columns: string[],
  ): Promise<string[]> {
    const found = await this.rows<{ name: string }>(
      `SELECT con.conname AS name FROM pg_constraint con
        WHERE con.conrelid = $1::regclass AND con.contype = $2
          AND (SELECT array_agg(a.attname::text ORDER BY k.ord)
                 FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) = $3::text[]
        ORDER BY (con.contype = 'p') DESC, con.conname`,
      [table, type, columns],
    );
    return found.map((row) => row.name);
  }

  /** Renames the (one) constraint of that kind on those columns; drops other unique ones on them. */
  private async ensureConstraintName(
    table: string,
    type: 'p' | 'u',
    columns: string[],
    name: string,
  ): Promise<void> {
    const names = await this.constraintName(table, type, columns);
    const [first] = names;
    if (first === undefined) {
      throw new Error(
        `${table} has no ${type === 'p' ? 'primary key' : 'unique constraint'} on (${columns.join(', ')})`,
      );
    }
    const keep = names.includes(name) ? name : first;
    if (keep !== name) {
      await this.client.query(
        `ALTER TABLE ${table} RENAME CONSTRAINT ${quoteIdentifier(keep)} TO ${name}`,
      );
    }
    for (const other of names.filter((candidate) => candidate !== keep)) {
      await this.client.query(`ALTER TABLE ${table} DROP CONSTRAINT ${quoteIdentifier(other)}`);
    }
  }

  /** Indexes of a table that back no constraint and are not in `keep`. */
  private async foreignIndexes(table: string, keep: readonly string[]): Promise<string[]> {
    const found = await this.rows<{ name: string }>(
      `SELECT c.relname AS name FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
        WHERE x.indrelid = $1::regclass
          AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = x.indexrelid)
          AND NOT (c.relname = ANY($2::text[]))
        ORDER BY 1`,
      [table, keep],
    );
    return found.map((row) => quoteIdentifier(row.name));
  }

  private async indexState(name: string): Promise<'missing' | 'valid' | 'invalid'> {
    const [row] = await this.rows<{ valid: boolean }>(
      `SELECT x.indisvalid AS valid FROM pg_index x WHERE x.indexrelid = to_regclass($1)`,
      [name],
    );
    return row === undefined ? 'missing' : row.valid ? 'valid' : 'invalid';
  }

  /** Builds an index concurrently; an invalid one left by an interrupted build is dropped first. */
  private async ensureIndexConcurrently(
    table: string,
    index: TargetIndex,
    name = index.name,
  ): Promise<boolean> {
    const state = await this.indexState(name);
    if (state === 'valid') {
      return false;
    }
    if (state === 'invalid') {
      await this.client.query(`DROP INDEX CONCURRENTLY IF EXISTS ${name}`);
    }
    await this.client.query(
      `CREATE ${index.isUnique ? 'UNIQUE ' : ''}INDEX CONCURRENTLY ${name} ON ${table} ${index.definition}`,
    );
    return true;
  }

  /** Converts a sequence-defaulted `id` to an identity column continuing after the sequence. */
  private async convertToIdentity(table: string): Promise<void> {
    const [column] = await this.rows<{ identity: string; defaultExpression: string | null }>(
      `SELECT a.attidentity AS identity, pg_get_expr(d.adbin, d.adrelid) AS "defaultExpression"
         FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attrelid = $1::regclass AND a.attname = 'id'`,
      [table],
    );
    if (column === undefined || column.identity !== '') {
      return;
    }
    const sequence = /nextval\('([a-z0-9_."]+)'(::regclass)?\)/.exec(
      column.defaultExpression ?? '',
    )?.[1];
    let next = (await this.count(`SELECT coalesce(max(id), 0) FROM ${table}`)) + 1;
    if (sequence !== undefined) {
      const [state] = await this.rows<{ last: string; called: boolean }>(
        `SELECT last_value::text AS last, is_called AS called FROM ${sequence}`,
      );
      if (state !== undefined) {
        next = Math.max(next, Number(state.last) + (state.called ? 1 : 0));
      }
    }
    await this.client.query(`ALTER TABLE ${table} ALTER COLUMN id DROP DEFAULT`);
    if (sequence !== undefined) {
      await this.client.query(`DROP SEQUENCE IF EXISTS ${sequence}`);
    }
    await this.client.query(
      `ALTER TABLE ${table} ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (START WITH ${next.toString()})`,
    );
  }

  private async isIdentity(table: string): Promise<boolean> {
    return (
      (await this.count(
        `SELECT count(*) FROM pg_attribute WHERE attrelid = $1::regclass AND attname = 'id' AND attidentity = 'd'`,
        [table],
      )) > 0
    );
  }

  private beginStep(): Step {
    return {
      name: 'begin',
      description: 'mark payloads as being adopted (a re-run recognises the database by it)',
      unit: 'rows',
      inspect: async () => {
        const comment = await this.tableComment();
        return {
          isDone: comment === ADOPTION_MARKERS.inProgress || comment === ADOPTION_MARKERS.done,
          rows: 0,
        };
      },
      run: async () => {
        await this.client.query(`COMMENT ON TABLE payloads IS '${ADOPTION_MARKERS.inProgress}'`);
        return 0;
      },
    };
  }

  private functionsStep(): Step {
    return {
      name: 'functions',
      description:
        'replace the Go functions (create_partition, drop_partition, get_date_string) with ours; create the partitions of today and the next 3 days',
      unit: 'rows',
      inspect: async () => {
        const theirs = await this.count(
          `SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = current_schema() AND p.proname = ANY($1::text[])
              AND NOT (p.proname = 'create_partition' AND p.prosrc LIKE '%payload_statuses.create_partition%')
              AND NOT (p.proname = 'drop_partition' AND p.prosrc LIKE '%relpartbound%')`,
          [GO_FUNCTIONS],
        );
        const ours = await this.count(
          `SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = current_schema()
              AND ((p.proname = 'create_partition' AND p.prosrc LIKE '%payload_statuses.create_partition%')
                OR (p.proname = 'drop_partition' AND p.prosrc LIKE '%relpartbound%'))`,
        );
        return { isDone: theirs === 0 && ours === 2, rows: 0 };
      },
      run: async () => {
        const functions = await this.rows<{ signature: string }>(
          `SELECT p.oid::regprocedure::text AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = current_schema() AND p.proname = ANY($1::text[])`,
          [GO_FUNCTIONS],
        );
        await this.adoption.runMigrationUp(
          new CreatePartitionFunctions1795827720000(),
          functions.map((row) => `DROP FUNCTION ${row.signature}`),
        );
        return 0;
      },
    };
  }

  private lookupTablesStep(): Step {
    const isTableDone = async (table: string): Promise<boolean> =>
      (await this.constraintName(table, 'p', ['id'])).join() === `pk_${table}` &&
      (await this.constraintName(table, 'u', ['name'])).join() === `uq_${table}_name` &&
      (await this.foreignIndexes(table, [])).length === 0 &&
      (await this.isIdentity(table));
    return {
      name: 'lookup-tables',
      description:
        'services, sources, statuses: keys renamed to ours, duplicate unique constraints on name dropped, id made an identity',
      unit: 'rows',
      inspect: async () => {
        let isDone = true;
        let rows = 0;
        for (const table of LOOKUP_TABLES) {
          isDone = isDone && (await isTableDone(table));
          rows += await this.tableRows(table);
        }
        return { isDone, rows };
      },
      run: () =>
        this.transaction(async () => {
          let rows = 0;
          for (const table of LOOKUP_TABLES) {
            await this.ensureConstraintName(table, 'p', ['id'], `pk_${table}`);
            await this.ensureConstraintName(table, 'u', ['name'], `uq_${table}_name`);
            for (const index of await this.foreignIndexes(table, [])) {
              await this.client.query(`DROP INDEX ${index}`);
            }
            await this.convertToIdentity(table);
            rows += await this.tableRows(table);
          }
          return rows;
        }),
    };
  }

  private payloadsKeysStep(): Step {
    return {
      name: 'payloads-keys',
      description:
        'payloads: primary and unique keys renamed to ours, id made an identity, created_at default dropped (catalog only)',
      unit: 'rows',
      inspect: async () => ({
        isDone:
          (await this.constraintName('payloads', 'p', ['id'])).join() === 'pk_payloads' &&
          (await this.constraintName('payloads', 'u', ['request_id'])).join() ===
            'uq_payloads_request_id' &&
          (await this.isIdentity('payloads')),
        rows: 0,
      }),
      run: () =>
        this.transaction(async () => {
          await this.ensureConstraintName('payloads', 'p', ['id'], 'pk_payloads');
          await this.ensureConstraintName(
            'payloads',
            'u',
            ['request_id'],
            'uq_payloads_request_id',
          );
          await this.client.query(`ALTER TABLE payloads ALTER COLUMN created_at DROP DEFAULT`);
          await this.convertToIdentity('payloads');
          return 0;
        }),
    };
  }

  private payloadsIndexesStep(): Step {
    const ours = PAYLOAD_INDEXES.map((index) => index.name);
    return {
      name: 'payloads-indexes',
      description: `payloads: build ${ours.length.toString()} indexes CONCURRENTLY, then drop the Go indexes CONCURRENTLY`,
      unit: 'payload rows indexed',
      inspect: async () => {
        let isDone = (await this.foreignIndexes('payloads', ours)).length === 0;
        for (const name of ours) {
          isDone = isDone && (await this.indexState(name)) === 'valid';
        }
        return { isDone, rows: await this.tableRows('payloads') };
      },
      run: async () => {
        for (const index of PAYLOAD_INDEXES) {
          await this.ensureIndexConcurrently('payloads', index);
        }
        for (const index of await this.foreignIndexes('payloads', ours)) {
          await this.client.query(`DROP INDEX CONCURRENTLY IF EXISTS ${index}`);
        }
        return this.tableRows('payloads');
      },
    };
  }

  private statusesColumnsStep(): Step {
    return {
      name: 'statuses-columns',
      description:
        'payload_statuses: keys renamed to ours, defaults as ours, the nullable dedupe_key column added (catalog only)',
      unit: 'rows',
      inspect: async () => ({
        isDone: await this.hasColumn('payload_statuses', 'dedupe_key'),
        rows: 0,
      }),
      run: () =>
        this.transaction(async () => {
          await this.ensureConstraintName(
            'payload_statuses',
            'p',
            ['id', 'date'],
            'pk_payload_statuses',
          );
          const foreignKeys = await this.rows<{ name: string; column: string; target: string }>(
            `SELECT con.conname AS name, a.attname AS column, con.confrelid::regclass::text AS target
               FROM pg_constraint con JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = con.conkey[1]
              WHERE con.conrelid = 'payload_statuses'::regclass AND con.contype = 'f' AND con.conparentid = 0`,
          );
          for (const key of foreignKeys) {
            const name = `fk_payload_statuses_${key.column}`;
            if (key.name !== name) {
              await this.client.query(
                `ALTER TABLE payload_statuses RENAME CONSTRAINT ${quoteIdentifier(key.name)} TO ${quoteIdentifier(name)}`,
              );
            }
          }
          await this.client.query(
            `ALTER TABLE payload_statuses ALTER COLUMN created_at SET DEFAULT now()`,
          );
          await this.client.query(`ALTER TABLE payload_statuses ALTER COLUMN date DROP DEFAULT`);
          await this.client.query(
            `ALTER TABLE payload_statuses ALTER COLUMN id SET DEFAULT nextval('payload_statuses_id_seq')`,
          );
          await this.client.query(
            `ALTER SEQUENCE payload_statuses_id_seq OWNED BY payload_statuses.id`,
          );
          await this.client.query(`ALTER TABLE payload_statuses ADD COLUMN dedupe_key uuid NULL`);
          return 0;
        }),
    };
  }

  private duplicatesStep(): Step {
    const keep = this.options.keepDuplicates === true;
    const countExtras = async (record: boolean): Promise<{ total: number; pending: number }> => {
      const hasKey = await this.hasColumn('payload_statuses', 'dedupe_key');
      let total = 0;
      let pending = 0;
      for (const partition of await this.partitions()) {
        const found = await this.rows<{ requestId: string; extra: string; pending: string }>(
          `SELECT p.request_id AS "requestId", count(*) AS extra,
                  ${hasKey ? 'count(*) FILTER (WHERE s.dedupe_key IS NULL)' : 'count(*)'} AS pending
             FROM (${extraCopiesSql(partition)}) AS e
             JOIN ${partition} s ON s.id = e.id AND s.date = e.date
             JOIN payloads p ON p.id = e.payload_id
            GROUP BY p.request_id`,
        );
        for (const row of found) {
          total += Number(row.extra);
          pending += Number(row.pending);
          if (record) {
            this.extraByPayload.set(
              row.requestId,
              (this.extraByPayload.get(row.requestId) ?? 0) + Number(row.extra),
            );
          }
        }
      }
      if (record) {
        this.hasCountedDuplicates = true;
      }
      return { total, pending };
    };
    return {
      name: 'duplicates',
      description: keep
        ? 'exact duplicate statuses: reported, kept, each extra copy given a dedupe key of its own (--keep-duplicates)'
        : 'exact duplicate statuses: reported and deleted (the lowest id of each set stays), one transaction per partition',
      unit: 'extra duplicate rows',
      inspect: async () => {
        const { total, pending } = await countExtras(true);
        return { isDone: keep ? pending === 0 : total === 0, rows: total };
      },
      run: async () => {
        // The counts of the report were taken by `inspect`, just before.
        let changed = 0;
        for (const partition of await this.partitions()) {
          const result = keep
            ? await this.client.query(
                `UPDATE ONLY ${partition} s SET dedupe_key = ${KEPT_DUPLICATE_KEY_SQL}
                   FROM (${extraCopiesSql(partition)}) AS e
                  WHERE s.id = e.id AND s.date = e.date AND s.dedupe_key IS NULL`,
              )
            : await this.client.query(
                `DELETE FROM ONLY ${partition} s USING (${extraCopiesSql(partition)}) AS e
                  WHERE s.id = e.id AND s.date = e.date`,
              );
          changed += result.rowCount ?? 0;
        }
        this.rowCounts.clear();
        return changed;
      },
    };
  }

  private dedupeKeysStep(): Step {
    const batchSize = this.options.batchSize ?? 10_000;
    return {
      name: 'dedupe-keys',
      description: `fill in dedupe_key with the ingester's key, computed in SQL, in committed batches of ${batchSize.toString()} rows per partition`,
      unit: 'status rows keyed',
      inspect: async () => {
        if (!(await this.hasColumn('payload_statuses', 'dedupe_key'))) {
          return { isDone: false, rows: await this.tableRows('payload_statuses') };
        }
        const rows = await this.count(
          `SELECT count(*) FROM payload_statuses WHERE dedupe_key IS NULL`,
        );
        return { isDone: rows === 0, rows };
      },
      run: async () => {
        let keyed = 0;
        for (const partition of await this.partitions()) {
          let cursor = '-1';
          for (;;) {
            // Autocommit: each batch is its own transaction.
            const [batch] = await this.rows<{ last: string | null; keyed: string }>(
              `WITH batch AS (
                 SELECT id, date FROM ONLY ${partition} WHERE id > $1::bigint ORDER BY id LIMIT $2
               ),
               keyed AS (
                 UPDATE ONLY ${partition} s SET dedupe_key = ${DEDUPE_KEY_SQL}
                   FROM batch
                  WHERE s.id = batch.id AND s.date = batch.date AND s.dedupe_key IS NULL
                 RETURNING 1
               )
               SELECT (SELECT max(id)::text FROM batch) AS last, (SELECT count(*) FROM keyed)::text AS keyed`,
              [cursor, batchSize],
            );
            if (batch?.last === null || batch?.last === undefined) {
              break;
            }
            cursor = batch.last;
            keyed += Number(batch.keyed);
          }
        }
        return keyed;
      },
    };
  }

  private statusesIndexesStep(): Step {
    const suffixOf = (name: string): string => name.replace(/^(ix|ux)_payload_statuses_/, '');
    return {
      name: 'statuses-indexes',
      description: `payload_statuses: build ${STATUS_INDEXES.length.toString()} indexes (the unique dedupe index first) CONCURRENTLY on each partition, then attach them to indexes on the parent`,
      unit: 'status rows indexed',
      inspect: async () => {
        let isDone = true;
        for (const index of STATUS_INDEXES) {
          isDone = isDone && (await this.indexState(index.name)) === 'valid';
        }
        return { isDone, rows: await this.tableRows('payload_statuses') };
      },
      run: async () => {
        for (const index of STATUS_INDEXES) {
          if ((await this.indexState(index.name)) === 'valid') {
            continue;
          }
          if ((await this.indexState(index.name)) === 'missing') {
            await this.client.query(
              `CREATE ${index.isUnique ? 'UNIQUE ' : ''}INDEX ${index.name} ON ONLY payload_statuses ${index.definition}`,
            );
          }
          for (const partition of await this.partitions()) {
            const attached = await this.count(
              `SELECT count(*) FROM pg_inherits i JOIN pg_index x ON x.indexrelid = i.inhrelid
                WHERE i.inhparent = $1::regclass AND x.indrelid = $2::regclass`,
              [index.name, partition],
            );
            if (attached > 0) {
              continue;
            }
            const name = `${partition}_${suffixOf(index.name)}`;
            await this.ensureIndexConcurrently(partition, index, name);
            await this.client.query(`ALTER INDEX ${index.name} ATTACH PARTITION ${name}`);
          }
          if ((await this.indexState(index.name)) !== 'valid') {
            throw new Error(`index ${index.name} is not valid after attaching every partition's`);
          }
        }
        return this.tableRows('payload_statuses');
      },
    };
  }

  private statusesOldIndexesStep(): Step {
    const ours = STATUS_INDEXES.map((index) => index.name);
    const partitionLocal = async (): Promise<string[]> => {
      const found: string[] = [];
      for (const partition of await this.partitions()) {
        const local = await this.rows<{ name: string }>(
          `SELECT c.relname AS name FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
            WHERE x.indrelid = $1::regclass
              AND NOT EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = x.indexrelid)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = x.indexrelid AND con.conrelid = x.indrelid)
            ORDER BY 1`,
          [partition],
        );
        found.push(...local.map((row) => quoteIdentifier(row.name)));
      }
      return found;
    };
    return {
      name: 'statuses-old-indexes',
      description:
        'payload_statuses: drop the Go indexes (misnamed and redundant ones on the parent, single-column ones on each partition)',
      unit: 'indexes dropped',
      inspect: async () => {
        const count =
          (await this.foreignIndexes('payload_statuses', ours)).length +
          (await partitionLocal()).length;
        return { isDone: count === 0, rows: count };
      },
      run: async () => {
        let dropped = 0;
        // A partitioned index cannot be dropped CONCURRENTLY; dropping it is a catalog change.
        for (const index of await this.foreignIndexes('payload_statuses', ours)) {
          await this.client.query(`DROP INDEX IF EXISTS ${index}`);
          dropped += 1;
        }
        for (const index of await partitionLocal()) {
          await this.client.query(`DROP INDEX CONCURRENTLY IF EXISTS ${index}`);
          dropped += 1;
        }
        return dropped;
      },
    };
  }

  private statusesConstraintsStep(): Step {
    const isNotNull = async (): Promise<boolean> =>
      (await this.count(
        `SELECT count(*) FROM pg_attribute WHERE attrelid = 'payload_statuses'::regclass
          AND attname = 'dedupe_key' AND attnotnull`,
      )) > 0;
    const missingForeignKeys = async (): Promise<(typeof LOOKUP_FOREIGN_KEYS)[number][]> => {
      const present = await this.rows<{ name: string }>(
        `SELECT conname AS name FROM pg_constraint WHERE conrelid = 'payload_statuses'::regclass AND contype = 'f'`,
      );
      return LOOKUP_FOREIGN_KEYS.filter((key) => !present.some((row) => row.name === key.name));
    };
    return {
      name: 'statuses-constraints',
      description:
        'payload_statuses: dedupe_key NOT NULL (proven per partition by a validated check first, so the lock scans nothing), foreign keys to the lookups',
      unit: 'status rows validated',
      inspect: async () => ({
        isDone: (await isNotNull()) && (await missingForeignKeys()).length === 0,
        rows: await this.tableRows('payload_statuses'),
      }),
      run: async () => {
        const partitions = await this.partitions();
        if (!(await isNotNull())) {
          for (const partition of partitions) {
            await this.client.query(
              `ALTER TABLE ${partition} DROP CONSTRAINT IF EXISTS ${NOT_NULL_CHECK}`,
            );
            await this.client.query(
              `ALTER TABLE ${partition} ADD CONSTRAINT ${NOT_NULL_CHECK} CHECK (dedupe_key IS NOT NULL) NOT VALID`,
            );
            await this.client.query(
              `ALTER TABLE ${partition} VALIDATE CONSTRAINT ${NOT_NULL_CHECK}`,
            );
          }
          await this.client.query(
            `ALTER TABLE payload_statuses ALTER COLUMN dedupe_key SET NOT NULL`,
          );
        }
        for (const partition of partitions) {
          await this.client.query(
            `ALTER TABLE ${partition} DROP CONSTRAINT IF EXISTS ${NOT_NULL_CHECK}`,
          );
        }
        for (const key of await missingForeignKeys()) {
          await this.client.query(
            `ALTER TABLE payload_statuses ADD CONSTRAINT ${key.name} FOREIGN KEY (${key.column}) REFERENCES ${key.table} (id)`,
          );
        }
        return this.tableRows('payload_statuses');
      },
    };
  }

  private outcomesStep(): Step {
    const batchSize = this.options.outcomeBatchSize ?? 2_000;
    return {
      name: 'outcomes',
      description: `create the outcome tables, then compute every payload's outcome (OutcomeBackfill, ${batchSize.toString()} payloads per transaction)`,
      unit: 'payloads given an outcome',
      inspect: async () => {
        if (!(await this.hasTable('payload_outcomes'))) {
          return { isDone: false, rows: await this.tableRows('payloads') };
        }
        const rows = await this.count(
          `SELECT count(*) FROM payloads p WHERE NOT EXISTS (SELECT 1 FROM payload_outcomes o WHERE o.payload_id = p.id)`,
        );
        return { isDone: rows === 0, rows };
      },
      run: async () => {
        if (!(await this.hasTable('payload_outcomes'))) {
          await this.adoption.runMigrationUp(new AddPayloadOutcomes1795831000000());
        }
        return this.adoption.backfillOutcomes(batchSize);
      },
    };
  }

  private migrationsRecordStep(): Step {
    const table = this.adoption.migrationsTableName();
    const missing = async (): Promise<MigrationInterface[]> => {
      if (!(await this.hasTable(table))) {
        return migrations.map((Migration) => new Migration());
      }
      const recorded = await this.rows<{ name: string }>(`SELECT name FROM ${table}`);
      return migrations
        .map((Migration) => new Migration())
        .filter((migration) => !recorded.some((row) => row.name === migration.name));
    };
    return {
      name: 'migrations-record',
      description: `record our ${migrations.length.toString()} migrations as run in ${table} (later migrations then run normally)`,
      unit: 'migrations recorded',
      inspect: async () => {
        const rows = (await missing()).length;
        return { isDone: rows === 0, rows };
      },
      run: () =>
        this.transaction(async () => {
          await this.client.query(createMigrationsTableSql(table));
          const toRecord = await missing();
          for (const migration of toRecord) {
            await this.client.query(`INSERT INTO ${table} (timestamp, name) VALUES ($1, $2)`, [
              timestampOf(migration),
              migration.name,
            ]);
          }
          return toRecord.length;
        }),
    };
  }

  private finishStep(): Step {
    return {
      name: 'finish',
      description: 'ANALYZE the adopted tables, mark payloads as adopted',
      unit: 'rows',
      inspect: async () => ({
        isDone: (await this.tableComment()) === ADOPTION_MARKERS.done,
        rows: 0,
      }),
      run: async () => {
        await this.client.query(`ANALYZE payloads`);
        await this.client.query(`ANALYZE payload_statuses`);
        await this.client.query(`COMMENT ON TABLE payloads IS '${ADOPTION_MARKERS.done}'`);
        return 0;
      },
    };
  }
}
