import type { Pool } from 'pg';

/** How many statuses are stored for these uploads. */
export async function countStoredStatuses(
  pool: Pool,
  requestIds: readonly string[],
): Promise<number> {
  const result = await pool.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM payload_statuses ps JOIN payloads p ON p.id = ps.payload_id
     WHERE p.request_id = ANY($1::text[])`,
    [requestIds],
  );
  return result.rows[0]?.count ?? -1;
}
