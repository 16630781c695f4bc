import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

import type { StatusMessage } from '@payload-tracker/status-lifecycle';
import { formatTimestamp, isSpanClosingStatus } from '@payload-tracker/status-lifecycle';

import type { StatusBatchPlan, StatusRowPlan } from './status-batch.plan';
import { planStatusBatch } from './status-batch.plan';

/** A service span (`service:source` group of a payload) closed by a `success` or `error` stored in the batch. */
export interface ClosedServiceSpan {
  service: string;
  source: string | null;
  status: string;
  /** From the group's earliest status to the closing one, in seconds (never negative). */
  seconds: number;
}

/** Outcome of {@link StatusBatchWriter.write}. */
export interface StatusBatchWriteResult {
  /** New `payload_statuses` rows. */
  stored: number;
  /** Messages whose status row already existed (redeliveries, or repeats inside the batch). */
  duplicates: number;
  /** The messages that produced a new row, in batch order. */
  storedMessages: StatusMessage[];
  closedSpans: ClosedServiceSpan[];
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
 * The batch's one transaction, as a single statement (atomic, one round trip): upsert the
 * payloads (a non-empty value wins, an absent one never blanks, created_at only moves earlier),
 * then insert the statuses; an existing dedupe key makes a row a no-op. Returns one row per
 * payload (its id, and whether this statement created it) and one per inserted status.
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
    RETURNING dedupe_key
  )
  SELECT request_id AS key, id::text AS payload_id, is_new FROM upserted
  UNION ALL
  SELECT dedupe_key::text, NULL, NULL FROM stored`;

/* For payloads that existed before the batch, right after it committed. */
const CLOSED_SPANS_SQL = `
  SELECT closing.ord::int AS ord,
         GREATEST(EXTRACT(EPOCH FROM closing.date - min(ps.date)), 0)::float8 AS seconds
  FROM unnest($1::bigint[], $2::int[], $3::int[], $4::timestamptz[])
       WITH ORDINALITY AS closing(payload_id, service_id, source_id, date, ord)
  JOIN payload_statuses ps
    ON ps.payload_id = closing.payload_id
   AND ps.service_id = closing.service_id
   AND ps.source_id IS NOT DISTINCT FROM closing.source_id
  GROUP BY closing.ord, closing.date`;

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

function spanKey(message: StatusMessage): string {
  return `${message.requestId}\u0000${message.service}\u0000${message.source ?? ''}`;
}

/** Spans of groups whose every status is in the batch (their payload is new). */
function spansWithinBatch(
  plan: StatusBatchPlan,
  closing: readonly StatusMessage[],
): ClosedServiceSpan[] {
  if (closing.length === 0) {
    return [];
  }
  const starts = new Map<string, bigint>();
  for (const { message } of plan.statuses) {
    const key = spanKey(message);
    const start = starts.get(key);
    if (start === undefined || message.date < start) {
      starts.set(key, message.date);
    }
  }
  return closing.map((message) => {
    const start = starts.get(spanKey(message)) ?? message.date;
    const micros = message.date > start ? message.date - start : 0n;
    return {
      service: message.service,
      source: message.source,
      status: message.status,
      seconds: Number(micros) / 1e6,
    };
  });
}

/**
 * Writes batches of parsed status messages to PostgreSQL with a constant number of set-based
 * statements per batch, whatever its size: partitions and lookup names first (each in its own
 * short autocommit statement, skipped when cached), then one transaction (a single statement)
 * that upserts the payloads and inserts the statuses `ON CONFLICT (dedupe_key, date) DO NOTHING`,
 * and at most one query for the spans closed on payloads older than the batch.
 *
 * Idempotent: writing the same messages again stores nothing new and reports them as
 * duplicates. Usable without Nest or Kafka (benchmarks, seeders). One instance per process:
 * it caches known partition days and lookup ids.
 */
export class StatusBatchWriter {
  private readonly pool: Pool;
  private readonly knownDays = new Set<string>();
  private readonly lookupIds: Record<LookupTable, Map<string, number>> = {
    services: new Map(),
    sources: new Map(),
    statuses: new Map(),
  };

  /**
   * @param database - a TypeORM PostgreSQL `DataSource` (its pg pool is used) or a pg `Pool`.
   *   Sessions should run with `TimeZone=UTC`; every timestamp is sent as UTC text.
   */
  constructor(database: DataSource | Pool) {
    this.pool =
      'driver' in database ? (database.driver as unknown as { master: Pool }).master : database;
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
      return { stored: 0, duplicates: 0, storedMessages: [], closedSpans: [] };
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
    await this.pool.query(ENSURE_PARTITIONS_SQL, [missing]);
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
      await this.pool.query(insertLookupNamesSql(table), [missing]);
      const result = await this.pool.query<{ id: number; name: string }>(
        selectLookupIdsSql(table),
        [missing],
      );
      for (const row of result.rows) {
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
    const rows = plan.statuses.map((row) => ({
      row,
      serviceId: requireId(services, row.message.service),
      sourceId: row.message.source === null ? null : requireId(sources, row.message.source),
      statusId: requireId(statuses, row.message.status),
    }));
    const result = await this.pool.query<{
      key: string;
      payload_id: string | null;
      is_new: boolean | null;
    }>(WRITE_BATCH_SQL, [
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
    const payloadRows = new Map<string, { id: string; isNew: boolean }>();
    const insertedKeys = new Set<string>();
    for (const row of result.rows) {
      if (row.payload_id === null) {
        insertedKeys.add(row.key);
      } else {
        payloadRows.set(row.key, { id: row.payload_id, isNew: row.is_new === true });
      }
    }
    // A key repeated inside the batch is inserted once: keep the first message carrying it.
    const storedRows = rows.filter((r) => insertedKeys.delete(r.row.dedupeKey));
    const closing = storedRows
      .filter((r) => isSpanClosingStatus(r.row.message.status))
      .map((r) => ({ ...r, payload: requireId(payloadRows, r.row.message.requestId) }));
    // A payload created by this batch has all its statuses in it: no query needed for its spans.
    const olderClosing = closing.filter((c) => !c.payload.isNew);
    const closedSpans = [
      ...spansWithinBatch(
        plan,
        closing.filter((c) => c.payload.isNew).map((c) => c.row.message),
      ),
      ...(olderClosing.length === 0
        ? []
        : await this.closedSpans(olderClosing.map((c) => ({ ...c, payloadId: c.payload.id })))),
    ];
    const storedMessages = storedRows.map((r) => r.row.message);
    return {
      stored: storedMessages.length,
      duplicates: plan.statuses.length - storedMessages.length,
      storedMessages,
      closedSpans,
    };
  }

  private async closedSpans(
    closing: readonly {
      row: StatusRowPlan;
      payloadId: string;
      serviceId: number;
      sourceId: number | null;
    }[],
  ): Promise<ClosedServiceSpan[]> {
    const result = await this.pool.query<{ ord: number; seconds: number }>(CLOSED_SPANS_SQL, [
      closing.map((c) => c.payloadId),
      closing.map((c) => c.serviceId),
      closing.map((c) => c.sourceId),
      closing.map((c) => formatTimestamp(c.row.message.date)),
    ]);
    return result.rows.flatMap((row) => {
      const message = closing[row.ord - 1]?.row.message;
      return message === undefined
        ? []
        : [
            {
              service: message.service,
              source: message.source,
              status: message.status,
              seconds: row.seconds,
            },
          ];
    });
  }
}
