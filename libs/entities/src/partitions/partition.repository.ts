import type { DataSource } from 'typeorm';
import type { PartitionBounds, UtcDay } from './partition-days';

const CREATE_PARTITION = `SELECT create_partition($1::date, $2::date) AS created`;

const DROP_PARTITION = `SELECT drop_partition($1::date, $2::date) AS name`;

/** Bounds come from the catalog (not the names), as UTC ISO text, oldest first. */
const LIST_PARTITIONS = `
  SELECT name,
         to_char(bounds[1]::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "from",
         to_char(bounds[2]::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "to"
    FROM (SELECT c.relname::text AS name,
                 regexp_match(pg_get_expr(c.relpartbound, c.oid),
                              'FROM \\(''([^'']+)''\\) TO \\(''([^'']+)''\\)') AS bounds
            FROM pg_inherits i
            JOIN pg_class c ON c.oid = i.inhrelid
           WHERE i.inhparent = 'payload_statuses'::regclass) AS p
   WHERE bounds IS NOT NULL
   ORDER BY bounds[1]::timestamptz`;

/** Creates, lists and drops the daily partitions of `payload_statuses` through the SQL functions. */
export class PartitionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Creates the partition for [start, stop) if absent; true when this call created it.
   * Run it outside (before) a write transaction: creating a partition locks the parent table
   * until the surrounding transaction ends.
   */
  async createPartition(start: UtcDay, stop: UtcDay): Promise<boolean> {
    const rows: { created: boolean }[] = await this.dataSource.query(CREATE_PARTITION, [
      start,
      stop,
    ]);
    return rows[0]?.created === true;
  }

  /** Every partition of `payload_statuses` with a FROM/TO range, oldest first. */
  async listPartitions(): Promise<PartitionBounds[]> {
    return this.dataSource.query(LIST_PARTITIONS);
  }

  /**
   * Drops every partition lying entirely inside [start, stop) in one short transaction that
   * gives up after `lockTimeoutMs` rather than queueing writers behind it; returns the names.
   */
  async dropPartitions(start: UtcDay, stop: UtcDay, lockTimeoutMs: number): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT set_config('lock_timeout', $1, true)`, [`${lockTimeoutMs}ms`]);
      const rows: { name: string }[] = await manager.query(DROP_PARTITION, [start, stop]);
      return rows.map((row) => row.name);
    });
  }
}
