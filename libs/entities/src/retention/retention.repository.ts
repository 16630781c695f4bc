import type { DataSource } from 'typeorm';

/** Keyset position over `payloads (created_at, id)`; `null` before the first batch. */
export interface PayloadCursor {
  readonly createdAt: string;
  readonly id: string;
}

/** What one delete batch did. */
export interface PayloadDeleteBatch {
  /** Candidate payloads examined (created before the cutoff). */
  readonly scanned: number;
  readonly deleted: number;
  /** Where the next batch starts; `null` when no candidate was left. */
  readonly next: PayloadCursor | null;
}

/**
 * Candidates are payloads created before the cutoff (`created_at` is the earliest status, so
 * newer payloads have a status in the window by construction), walked in keyset order so each
 * batch reads a bounded slice. Those without a status since the cutoff are locked; rows an
 * ingester is writing right now are skipped and left for the next run.
 */
const LOCK_EXPIRED_BATCH = `
  WITH candidates AS (
    SELECT id, created_at
      FROM payloads
     WHERE created_at < $1::timestamptz
       AND (created_at, id) > ($2::timestamptz, $3::bigint)
     ORDER BY created_at, id
     LIMIT $4
  ), expired AS (
    SELECT p.id
      FROM payloads p
     WHERE p.id IN (SELECT id FROM candidates)
       AND NOT EXISTS (SELECT 1 FROM payload_statuses s
                        WHERE s.payload_id = p.id AND s.date >= $1::timestamptz)
       FOR UPDATE SKIP LOCKED
  )
  SELECT c.id::text AS id,
         c.created_at::text AS created_at,
         (e.id IS NOT NULL) AS is_expired
    FROM candidates c
    LEFT JOIN expired e ON e.id = c.id
   ORDER BY c.created_at, c.id`;

/**
 * Second statement, new snapshot, rows already locked: a status an ingester committed between
 * the two statements is seen here and saves its payload.
 */
const DELETE_LOCKED = `
  DELETE FROM payloads p
   WHERE p.id = ANY($2::bigint[])
     AND NOT EXISTS (SELECT 1 FROM payload_statuses s
                      WHERE s.payload_id = p.id AND s.date >= $1::timestamptz)`;

/** The stats bucket tables. */
export const STATS_BUCKET_TABLES = [
  'service_stats_buckets',
  'service_duration_buckets',
  'payload_state_buckets',
] as const;

/** One of {@link STATS_BUCKET_TABLES}. */
export type StatsBucketTable = (typeof STATS_BUCKET_TABLES)[number];

/*
 * At most $2 bucket rows that start before the cutoff, found through the primary key
 * (width_minutes, bucket_start, ...) for each width. The cutoff is a day boundary, so a bucket
 * starting before it lies wholly before it.
 */
function deleteExpiredBucketsSql(table: StatsBucketTable): string {
  return `
  DELETE FROM ${table}
   WHERE ctid = ANY (ARRAY(
     SELECT ctid FROM ${table}
      WHERE width_minutes = ANY ($3::smallint[]) AND bucket_start < $1::timestamptz
      LIMIT $2))`;
}

interface CandidateRow {
  id: string;
  created_at: string;
  is_expired: boolean;
}

/** Deletes payloads that have no status inside the retention window, and expired stats buckets. */
export class RetentionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * One bounded batch in its own short READ COMMITTED transaction. `cutoff` is an instant
   * (`2026-11-21T00:00:00Z`); statuses cascade with their payload.
   */
  async deleteExpiredPayloadBatch(
    cutoff: string,
    cursor: PayloadCursor | null,
    batchSize: number,
  ): Promise<PayloadDeleteBatch> {
    return this.dataSource.transaction('READ COMMITTED', async (manager) => {
      const candidates: CandidateRow[] = await manager.query(LOCK_EXPIRED_BATCH, [
        cutoff,
        cursor?.createdAt ?? '-infinity',
        cursor?.id ?? '0',
        batchSize,
      ]);
      const expiredIds = candidates.filter((row) => row.is_expired).map((row) => row.id);
      let deleted = 0;
      if (expiredIds.length > 0) {
        const result: [unknown[], number] = await manager.query(DELETE_LOCKED, [
          cutoff,
          expiredIds,
        ]);
        deleted = result[1];
      }
      const last = candidates.at(-1);
      return {
        scanned: candidates.length,
        deleted,
        next: last ? { createdAt: last.created_at, id: last.id } : null,
      };
    });
  }

  /**
   * Deletes at most `batchSize` rows of `table` whose bucket starts before `cutoff`, in its own
   * statement (autocommit); returns how many it deleted.
   *
   * @param widthsMinutes - the bucket widths the table holds
   */
  async deleteExpiredBucketBatch(
    table: StatsBucketTable,
    cutoff: string,
    batchSize: number,
    widthsMinutes: readonly number[],
  ): Promise<number> {
    const result: [unknown[], number] = await this.dataSource.query(
      deleteExpiredBucketsSql(table),
      [cutoff, batchSize, widthsMinutes],
    );
    return result[1];
  }
}
