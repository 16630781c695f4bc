import type { StatusMessage } from '@payload-tracker/status-lifecycle';
import { formatTimestamp } from '@payload-tracker/status-lifecycle';

import type { DatabasePool } from '../database/database-pool';
import { StatementRunner } from '../database/statement-runner';
import type { SqlStatement } from '../database/sql-statement';
import type { StoredStatusRow } from '../outcomes/maintain-outcomes.sql';
import { maintainOutcomesStatement } from '../outcomes/maintain-outcomes.sql';
import {
  PAYLOAD_STATUS_CHANNEL,
  payloadStatusNotifications,
} from '../notifications/payload-status-notification';
import type { StatusBatchPlan, StatusRowPlan } from './status-batch.plan';
import { planStatusBatch } from './status-batch.plan';

/** Outcome of {@link StatusBatchWriter.write}: what it stored. */
export interface StatusBatchWriteResult {
  /** New `payload_statuses` rows. */
  stored: number;
  /** Messages whose status row already existed (redeliveries, or repeats inside the batch). */
  duplicates: number;
  /** The messages that produced a new row, in batch order. */
  storedMessages: StatusMessage[];
  /** `payloads.id` of each request of the batch whose payload existed before it. */
  earlierPayloadIds: ReadonlyMap<string, string>;
}

type LookupTable = 'services' | 'sources' | 'statuses';

/** SQLSTATE of "no partition of relation found for row" and of a foreign-key violation. */
const CACHE_INVALIDATING_SQLSTATES = new Set(['23514', '23503']);

const ENSURE_PARTITIONS_SQL = `
  SELECT create_partition(day, day + 1)
  FROM unnest($1::date[]) AS input(day)`;

/*
 * Inserting the names sorted, in autocommit, then selecting them is race-safe across replicas:
 * a concurrent insert of the same name makes ON CONFLICT wait for it, and the following SELECT
 * (a new snapshot) sees the committed row whoever inserted it.
 */
const insertLookupNamesSql = (table: LookupTable): string => `
  INSERT INTO ${table} (name)
  SELECT name FROM unnest($1::text[]) AS input(name)
  ON CONFLICT (name) DO NOTHING`;

const selectLookupIdsSql = (table: LookupTable): string => `
  SELECT id, name FROM ${table} WHERE name = ANY($1::text[])`;

/*
 * The first statement of the batch's transaction: upsert the payloads (a non-empty value wins,
 * an absent one never blanks, created_at only moves earlier), in request_id order, which locks
 * their rows until the commit; then insert the statuses; an existing dedupe key makes a row a
 * no-op. Returns one row per payload (its id, and whether this statement created it) and one
 * per inserted status (its key, payload and row id). The second statement,
 * MAINTAIN_OUTCOMES_SQL, applies the inserted statuses to the outcomes.
 */
const WRITE_BATCH_SQL = `
  WITH upserted AS (
    INSERT INTO payloads (request_id, account, org_id, inventory_id, system_id, created_at)
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])
    ON CONFLICT (request_id) DO UPDATE SET
      account = COALESCE(EXCLUDED.account, payloads.account),
      org_id = COALESCE(EXCLUDED.org_id, payloads.org_id),
      inventory_id = COALESCE(EXCLUDED.inventory_id, payloads.inventory_id),
      system_id = COALESCE(EXCLUDED.system_id, payloads.system_id),
      created_at = LEAST(payloads.created_at, EXCLUDED.created_at)
    RETURNING id, request_id, (xmax = 0) AS is_new
  ),
  stored AS (
    INSERT INTO payload_statuses (payload_id, service_id, source_id, status_id, status_msg, date, dedupe_key)
    SELECT upserted.id, input.service_id, input.source_id, input.status_id, input.status_msg, input.date, input.dedupe_key
    FROM unnest($7::text[], $8::int[], $9::int[], $10::int[], $11::text[], $12::timestamptz[], $13::uuid[])
         AS input(request_id, service_id, source_id, status_id, status_msg, date, dedupe_key)
    JOIN upserted ON upserted.request_id = input.request_id
    ON CONFLICT (dedupe_key, date) DO NOTHING
    RETURNING dedupe_key, payload_id, id
  )
  SELECT request_id AS key, id::text AS payload_id, is_new, NULL AS row_id,
         is_new OR EXISTS (SELECT 1 FROM payload_outcomes o WHERE o.payload_id = upserted.id) AS has_outcome
  FROM upserted
  UNION ALL
  SELECT dedupe_key::text, payload_id::text, NULL, id::text, NULL FROM stored`;

/*
 * Sent inside the batch's transaction, so PostgreSQL delivers it at the commit and only then:
 * a listener reads nothing that is not committed. One notification per 7,900 bytes of ids.
 */
const NOTIFY_STATUSES_SQL = `
  SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS input(payload)`;

function hasSqlState(error: unknown): error is { code: string } {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string'
  );
}

function requireId<T>(ids: ReadonlyMap<string, T>, name: string): T {
  const id = ids.get(name);
  if (id === undefined) {
    throw new Error(`lookup id of "${name}" was not resolved`);
  }
  return id;
}

interface WriteBatchRow {
  key: string;
  payload_id: string;
  is_new: boolean | null;
  row_id: string | null;
  has_outcome: boolean | null;
}

interface ResolvedStatusRow {
  row: StatusRowPlan;
  serviceId: number;
  sourceId: number | null;
  statusId: number;
}

/** The inserted statuses as the outcome statement takes them (a repeated key once). */
function storedRowsOf(
  rows: readonly ResolvedStatusRow[],
  inserted: ReadonlyMap<string, { payloadId: string; rowId: string }>,
): StoredStatusRow[] {
  const seen = new Set<string>();
  const stored: StoredStatusRow[] = [];
  for (const { row, serviceId, sourceId, statusId } of rows) {
    const ids = inserted.get(row.dedupeKey);
    if (ids === undefined || seen.has(row.dedupeKey)) {
      continue;
    }
    seen.add(row.dedupeKey);
    stored.push({
      payloadId: ids.payloadId,
      serviceId,
      sourceId,
      statusId,
      date: formatTimestamp(row.message.date),
      rowId: ids.rowId,
      statusMsg: row.message.statusMsg,
    });
  }
  return stored;
}

/** A statement the writer runs: always planned by PostgreSQL's default choice. */
function statement(sql: string, parameters: readonly unknown[]): SqlStatement {
  return { sql, parameters, plan: 'auto' };
}

/**
 * Writes batches of parsed status messages to PostgreSQL with a constant number of set-based
 * statements per batch, whatever its size: partitions and lookup names first (each in its own
 * short autocommit statement, skipped when cached), then one transaction of three statements:
 * the first upserts the payloads and inserts the statuses `ON CONFLICT (dedupe_key, date) DO
 * NOTHING`, the second applies the inserted statuses to the payloads' groups, outcomes and
 * stats buckets (`MAINTAIN_OUTCOMES_SQL`), the third notifies {@link PAYLOAD_STATUS_CHANNEL}
 * with the ids of the payloads that got a status (delivered at the commit). It only persists,
 * and says what it stored; what the ingester makes of that is its business.
 *
 * Per payload, status ids grow in commit order: the first statement locks the payload's row
 * before it draws ids for its statuses, so a later batch of the same payload draws its ids
 * after this one committed. Readers may use the id as a cursor.
 *
 * Idempotent: writing the same messages again stores nothing new and reports them as
 * duplicates. Usable without Nest or Kafka (benchmarks, seeders). One instance per process:
 * it caches known partition days and lookup ids.
 */
export class StatusBatchWriter {
  private readonly statements: StatementRunner;
  private readonly knownDays = new Set<string>();
  private readonly lookupIds: Record<LookupTable, Map<string, number>> = {
    services: new Map(),
    sources: new Map(),
    statuses: new Map(),
  };

  /**
   * @param pool - the process's database pool; every timestamp is sent as UTC text, and its
   *   sessions run in UTC.
   */
  constructor(pool: DatabasePool) {
    this.statements = new StatementRunner(pool);
  }

  /**
   * Stores a batch: every message becomes a status row unless an identical one exists.
   *
   * @param messages - valid messages in consumption order (later ones win payload fields)
   * @throws the database error when any statement fails; nothing of the main transaction is
   *   kept then, and calling again with the same messages is safe.
   */
  async write(messages: readonly StatusMessage[]): Promise<StatusBatchWriteResult> {
    if (messages.length === 0) {
      return { stored: 0, duplicates: 0, storedMessages: [], earlierPayloadIds: new Map() };
    }
    const plan = planStatusBatch(messages);
    try {
      await this.ensurePartitions(plan.days);
      const [services, sources, statuses] = await Promise.all([
        this.resolveLookup('services', plan.serviceNames),
        this.resolveLookup('sources', plan.sourceNames),
        this.resolveLookup('statuses', plan.statusNames),
      ]);
      return await this.writeRows(plan, services, sources, statuses);
    } catch (error: unknown) {
      // A dropped partition or a deleted lookup row makes the caches lie: forget them.
      if (hasSqlState(error) && CACHE_INVALIDATING_SQLSTATES.has(error.code)) {
        this.forgetCaches();
      }
      throw error;
    }
  }

  /** Forgets cached partition days and lookup ids (after retention dropped partitions, in tests). */
  forgetCaches(): void {
    this.knownDays.clear();
    for (const ids of Object.values(this.lookupIds)) {
      ids.clear();
    }
  }

  private async ensurePartitions(days: readonly string[]): Promise<void> {
    const missing = days.filter((day) => !this.knownDays.has(day));
    if (missing.length === 0) {
      return;
    }
    await this.statements.query('ensure_partitions', statement(ENSURE_PARTITIONS_SQL, [missing]));
    for (const day of missing) {
      this.knownDays.add(day);
    }
  }

  private async resolveLookup(
    table: LookupTable,
    names: readonly string[],
  ): Promise<ReadonlyMap<string, number>> {
    const ids = this.lookupIds[table];
    const missing = names.filter((name) => !ids.has(name));
    if (missing.length > 0) {
      await this.statements.query(
        `insert_${table}`,
        statement(insertLookupNamesSql(table), [missing]),
      );
      const rows = await this.statements.query<{ id: number; name: string }>(
        `select_${table}`,
        statement(selectLookupIdsSql(table), [missing]),
      );
      for (const row of rows) {
        ids.set(row.name, row.id);
      }
    }
    return ids;
  }

  private async writeRows(
    plan: StatusBatchPlan,
    services: ReadonlyMap<string, number>,
    sources: ReadonlyMap<string, number>,
    statuses: ReadonlyMap<string, number>,
  ): Promise<StatusBatchWriteResult> {
    const { payloads } = plan;
    const rows: ResolvedStatusRow[] = plan.statuses.map((row) => ({
      row,
      serviceId: requireId(services, row.message.service),
      sourceId: row.message.source === null ? null : requireId(sources, row.message.source),
      statusId: requireId(statuses, row.message.status),
    }));
    const writeStatement = statement(WRITE_BATCH_SQL, [
      payloads.map((p) => p.requestId),
      payloads.map((p) => p.account),
      payloads.map((p) => p.orgId),
      payloads.map((p) => p.inventoryId),
      payloads.map((p) => p.systemId),
      payloads.map((p) => formatTimestamp(p.createdAt)),
      rows.map((r) => r.row.message.requestId),
      rows.map((r) => r.serviceId),
      rows.map((r) => r.sourceId),
      rows.map((r) => r.statusId),
      rows.map((r) => r.row.message.statusMsg),
      rows.map((r) => formatTimestamp(r.row.message.date)),
      rows.map((r) => r.row.dedupeKey),
    ]);
    const earlierPayloadIds = new Map<string, string>();
    const insertedRows = new Map<string, { payloadId: string; rowId: string }>();
    await this.statements.transaction('write_batch', async (run) => {
      const result = await run<WriteBatchRow>(writeStatement);
      // Earlier payloads without an outcome (stored before outcomes, not yet backfilled).
      const withoutOutcome: string[] = [];
      for (const row of result) {
        if (row.is_new === null) {
          insertedRows.set(row.key, { payloadId: row.payload_id, rowId: row.row_id ?? '' });
        } else if (!row.is_new) {
          earlierPayloadIds.set(row.key, row.payload_id);
          if (row.has_outcome !== true) {
            withoutOutcome.push(row.payload_id);
          }
        }
      }
      if (insertedRows.size > 0) {
        await run(maintainOutcomesStatement(storedRowsOf(rows, insertedRows), withoutOutcome));
        const payloadIds = [...insertedRows.values()].map((ids) => ids.payloadId);
        await run(
          statement(NOTIFY_STATUSES_SQL, [
            PAYLOAD_STATUS_CHANNEL,
            payloadStatusNotifications(payloadIds),
          ]),
        );
      }
    });
    // A key repeated inside the batch is inserted once: keep the first message carrying it.
    const storedMessages = rows
      .filter((r) => insertedRows.delete(r.row.dedupeKey))
      .map((r) => r.row.message);
    return {
      stored: storedMessages.length,
      duplicates: plan.statuses.length - storedMessages.length,
      storedMessages,
      earlierPayloadIds,
    };
  }
}
