import { Client } from 'pg';
import { DatabasePool, OutcomeBackfill } from '@payload-tracker/entities';

/** A status to insert; names are lower-case like the ingester stores them. */
export interface SeedStatus {
  readonly service: string;
  readonly source: string | null;
  readonly status: string;
  readonly statusMsg: string | null;
  readonly date: string;
  readonly createdAt: string;
}

/** A payload to insert, with its statuses. */
export interface SeedPayload {
  readonly requestId: string;
  readonly account: string | null;
  readonly orgId: string | null;
  readonly inventoryId: string | null;
  readonly systemId: string | null;
  readonly createdAt: string;
  readonly statuses: readonly SeedStatus[];
}

/** What was inserted, with the ids the database gave. */
export interface SeededPayload extends SeedPayload {
  readonly id: number;
  readonly statusIds: readonly number[];
}

async function lookupId(client: Client, table: string, name: string): Promise<number> {
  const result = await client.query<{ id: number }>(
    `INSERT INTO ${table} (name) VALUES ($1) ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
    [name],
  );
  const row = result.rows[0];
  if (row === undefined) throw new Error(`no id for ${table} ${name}`);
  return row.id;
}

/** Inserts payloads and statuses by plain SQL (creating the day partitions they need). */
export async function seedPayloads(
  url: string,
  payloads: readonly SeedPayload[],
): Promise<SeededPayload[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const days = new Set(
      payloads.flatMap((payload) => payload.statuses.map((status) => status.date.slice(0, 10))),
    );
    for (const day of days) {
      await client.query(`SELECT create_partition($1::date, $1::date + 1)`, [day]);
    }
    const seeded: SeededPayload[] = [];
    for (const payload of payloads) {
      const inserted = await client.query<{ id: string }>(
        `INSERT INTO payloads (request_id, account, org_id, inventory_id, system_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6::timestamptz) RETURNING id`,
        [
          payload.requestId,
          payload.account,
          payload.orgId,
          payload.inventoryId,
          payload.systemId,
          payload.createdAt,
        ],
      );
      const payloadId = Number(inserted.rows[0]?.id);
      const statusIds: number[] = [];
      for (const status of payload.statuses) {
        const row = await client.query<{ id: string }>(
          `INSERT INTO payload_statuses
             (payload_id, service_id, source_id, status_id, status_msg, date, created_at, dedupe_key)
           VALUES ($1, $2, $3, $4, $5, $6::timestamptz, $7::timestamptz, gen_random_uuid()) RETURNING id`,
          [
            payloadId,
            await lookupId(client, 'services', status.service),
            status.source === null ? null : await lookupId(client, 'sources', status.source),
            await lookupId(client, 'statuses', status.status),
            status.statusMsg,
            status.date,
            status.createdAt,
          ],
        );
        statusIds.push(Number(row.rows[0]?.id));
      }
      seeded.push({ ...payload, id: payloadId, statusIds });
    }
    return seeded;
  } finally {
    await client.end();
  }
}

/** Runs one statement on the database (bulk fixtures). */
export async function executeSql(
  url: string,
  sql: string,
  parameters: unknown[] = [],
): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql, parameters);
  } finally {
    await client.end();
  }
}

/**
 * Gives every seeded payload its outcome and groups, as the ingester would have (its own
 * statement, through the backfill): {@link seedPayloads} inserts statuses by plain SQL.
 */
export async function computeOutcomes(url: string): Promise<void> {
  const pool = new DatabasePool({ connectionString: url, max: 1 });
  try {
    await new OutcomeBackfill(pool).run();
  } finally {
    await pool.close();
  }
}
