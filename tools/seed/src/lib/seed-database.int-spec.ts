import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase } from '@payload-tracker/local-stack';
import type { TestDatabase } from '@payload-tracker/local-stack';
import { parseTimestamp, statusFingerprint } from '@payload-tracker/status-lifecycle';
import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { seedDatabase } from './seed-database';
import type { SeedSummary } from './seed-database';
import type { SeedOptions } from './seed-options';

const workspaceRoot = join(__dirname, '../../../..');

function seedOptions(database: TestDatabase, overrides: Partial<SeedOptions> = {}): SeedOptions {
  return {
    databaseUrl: database.url,
    payloads: 2000,
    statuses: 20_000,
    days: 7,
    chunk: 700,
    jobs: 2,
    errorShare: 0.05,
    stallShare: 0.03,
    isTruncate: false,
    isVacuum: true,
    isHelp: false,
    ...overrides,
  };
}

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SET TimeZone = 'UTC'`);
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

async function countRows(url: string): Promise<{ payloads: number; statuses: number }> {
  const [row] = await query<{ payloads: string; statuses: string }>(
    url,
    `SELECT (SELECT count(*) FROM payloads) AS payloads, (SELECT count(*) FROM payload_statuses) AS statuses`,
  );
  return { payloads: Number(row?.payloads), statuses: Number(row?.statuses) };
}

const silent = (): void => undefined;

describe('seedDatabase on a real migrated database', () => {
  let database: TestDatabase;
  let summary: SeedSummary;

  beforeAll(async () => {
    database = await createTestDatabase();
    summary = await seedDatabase(seedOptions(database), silent);
  });

  afterAll(async () => {
    await database.drop();
  });

  it('inserts exactly the requested payloads and statuses, every payload with statuses', async () => {
    expect(await countRows(database.url)).toEqual({ payloads: 2000, statuses: 20_000 });
    const [row] = await query<{ empty: string; min_count: string; max_count: string }>(
      database.url,
      `SELECT (SELECT count(*) FROM payloads p WHERE NOT EXISTS (SELECT 1 FROM payload_statuses s WHERE s.payload_id = p.id)) AS empty,
              min(n) AS min_count, max(n) AS max_count
         FROM (SELECT count(*) AS n FROM payload_statuses GROUP BY payload_id) AS counts`,
    );
    expect(Number(row?.empty)).toBe(0);
    expect(Number(row?.min_count)).toBeGreaterThanOrEqual(2);
    expect(Number(row?.max_count)).toBeLessThanOrEqual(21);
    expect(Number(row?.max_count)).toBeGreaterThan(Number(row?.min_count));
  });

  it('plans about the requested shares of failed and stalled payloads, the rest succeeded', () => {
    const { succeeded, failed, stalled } = summary.outcomes;

    expect(succeeded + failed + stalled).toBe(2000);
    expect(failed).toBeGreaterThan(2000 * 0.05 * 0.5);
    expect(failed).toBeLessThan(2000 * 0.05 * 1.5);
    expect(stalled).toBeGreaterThan(2000 * 0.03 * 0.5);
    expect(stalled).toBeLessThan(2000 * 0.03 * 1.5);
    expect(summary.backfill_seconds).toBeGreaterThan(0);
  });

  it('stores every payload with the outcome it was planned with (stalled: in progress, silent for an hour)', async () => {
    const [row] = await query<Record<string, string>>(
      database.url,
      `SELECT (SELECT count(*) FROM payloads p
                WHERE NOT EXISTS (SELECT 1 FROM payload_outcomes o WHERE o.payload_id = p.id)) AS without_outcome,
              count(*) FILTER (WHERE state = 'succeeded') AS succeeded,
              count(*) FILTER (WHERE state = 'failed') AS failed,
              count(*) FILTER (WHERE state = 'in_progress') AS in_progress,
              count(*) FILTER (WHERE state = 'in_progress' AND last_status_at < now() - interval '60 minutes') AS stalled,
              count(*) FILTER (WHERE state = 'in_progress' AND last_status_at >= now() - interval '60 minutes'
                AND created_at < now() - interval '61 minutes') AS old_but_not_stalled,
              count(*) FILTER (WHERE state = 'failed' AND failed_status_msg IS NULL) AS failed_without_msg
         FROM payload_outcomes`,
    );

    expect(row).toMatchObject({
      without_outcome: '0',
      succeeded: String(summary.outcomes.succeeded),
      failed: String(summary.outcomes.failed),
      in_progress: String(summary.outcomes.stalled),
      old_but_not_stalled: '0',
      failed_without_msg: '0',
    });
    // Only the newest hour of the 7-day window is too recent to read as stalled.
    expect(Number(row?.['stalled'])).toBeGreaterThan(summary.outcomes.stalled * 0.9);
  });

  it('fills payload groups and stats buckets for the seeded payloads', async () => {
    const [row] = await query<Record<string, string>>(
      database.url,
      `SELECT (SELECT count(DISTINCT payload_id) FROM payload_groups) AS payloads_with_groups,
              (SELECT count(*) FROM service_stats_buckets) AS service_buckets,
              (SELECT coalesce(sum(succeeded + failed), 0) FROM payload_state_buckets
                WHERE width_minutes = (SELECT min(width_minutes) FROM payload_state_buckets)) AS closed_payloads`,
    );

    expect(row?.['payloads_with_groups']).toBe('2000');
    expect(Number(row?.['service_buckets'])).toBeGreaterThan(0);
    expect(Number(row?.['closed_payloads'])).toBe(
      summary.outcomes.succeeded + summary.outcomes.failed,
    );
  });

  it('creates a partition for every day of the window and spreads statuses over all of them', async () => {
    const rows = await query<{ day: string; statuses: string }>(
      database.url,
      `SELECT to_char(d, 'YYYYMMDD') AS day,
              (SELECT count(*) FROM payload_statuses WHERE date >= d AND date < d + interval '1 day') AS statuses
         FROM generate_series((now() - interval '7 days')::date, now()::date, interval '1 day') AS d`,
    );
    const partitions = await query<{ name: string }>(
      database.url,
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'payload_statuses'::regclass`,
    );
    const names = new Set(partitions.map((partition) => partition.name));
    for (const row of rows) {
      expect([...names].some((name) => name.startsWith(`partition_${row.day}_`))).toBe(true);
    }
    expect(rows.slice(1, -1).every((row) => Number(row.statuses) > 0)).toBe(true);
    const [outside] = await query<{ count: string }>(
      database.url,
      `SELECT count(*) FROM payload_statuses WHERE date < now() - interval '7 days' - interval '1 minute' OR date > now()`,
    );
    expect(Number(outside?.count)).toBe(0);
  });

  it('fills the lookups: 15 services, 3 sources plus none, 8 statuses', async () => {
    const [row] = await query<Record<string, string>>(
      database.url,
      `SELECT (SELECT count(*) FROM services) AS services, (SELECT count(*) FROM sources) AS sources,
              (SELECT count(*) FROM statuses) AS statuses,
              (SELECT count(DISTINCT service_id) FROM payload_statuses) AS used_services,
              (SELECT count(*) FROM payload_statuses WHERE source_id IS NULL) AS without_source,
              (SELECT count(DISTINCT source_id) FROM payload_statuses) AS used_sources`,
    );
    expect(row).toMatchObject({
      services: '15',
      sources: '3',
      statuses: '8',
      used_services: '15',
      used_sources: '3',
    });
    expect(Number(row?.['without_source'])).toBeGreaterThan(0);
  });

  it('fills every payload column with realistic cardinalities and some NULLs', async () => {
    const [row] = await query<Record<string, string>>(
      database.url,
      `SELECT count(*) AS total,
              count(account) AS account, count(DISTINCT account) AS accounts,
              count(org_id) AS org_id, count(DISTINCT org_id) AS orgs,
              count(inventory_id) AS inventory_id, count(DISTINCT inventory_id) AS hosts,
              count(system_id) AS system_id,
              count(*) FILTER (WHERE request_id ~ '^[0-9a-f]{12}4[0-9a-f]{19}$') AS uuid4_request_ids,
              count(*) FILTER (WHERE inventory_id !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$') AS bad_inventory_ids
         FROM payloads`,
    );
    const total = Number(row?.['total']);
    for (const column of ['account', 'org_id', 'inventory_id', 'system_id']) {
      expect(Number(row?.[column])).toBeGreaterThan(total * 0.3);
      expect(Number(row?.[column])).toBeLessThan(total);
    }
    expect(Number(row?.['uuid4_request_ids'])).toBe(total);
    expect(Number(row?.['bad_inventory_ids'])).toBe(0);
    // A filter on one host or one account finds a handful of payloads, not thousands.
    expect(Number(row?.['inventory_id']) / Number(row?.['hosts'])).toBeLessThan(10);
    expect(Number(row?.['account']) / Number(row?.['accounts'])).toBeLessThan(100);
  });

  it('sets status_msg exactly on error statuses, each the last of its payload', async () => {
    const [row] = await query<Record<string, string>>(
      database.url,
      `SELECT count(*) FILTER (WHERE st.name IN ('error', 'failed')) AS errors,
              count(*) FILTER (WHERE ps.status_msg IS NOT NULL) AS with_msg,
              count(*) FILTER (WHERE st.name IN ('error', 'failed') AND ps.status_msg IS NOT NULL) AS both,
              count(*) FILTER (WHERE st.name IN ('error', 'failed')
                AND ps.date < (SELECT max(date) FROM payload_statuses x WHERE x.payload_id = ps.payload_id)) AS not_last
         FROM payload_statuses ps JOIN statuses st ON st.id = ps.status_id`,
    );
    expect(Number(row?.['errors'])).toBeGreaterThan(0);
    expect(row?.['with_msg']).toBe(row?.['errors']);
    expect(row?.['both']).toBe(row?.['errors']);
    expect(row?.['not_last']).toBe('0');
  });

  it('dates payloads at their first status and stores statuses after they happened', async () => {
    const [row] = await query<Record<string, string>>(
      database.url,
      `SELECT (SELECT count(*) FROM payloads p
                WHERE p.created_at <> (SELECT min(date) FROM payload_statuses s WHERE s.payload_id = p.id)) AS wrong_created_at,
              (SELECT count(*) FROM payload_statuses WHERE created_at <= date) AS stored_before_happening`,
    );
    expect(row).toEqual({ wrong_created_at: '0', stored_before_happening: '0' });
  });

  it('computes dedupe_key as the ingester does: md5 of the status fingerprint', async () => {
    const rows = await query<Record<string, string | null>>(
      database.url,
      `SELECT p.request_id, sv.name AS service, so.name AS source, st.name AS status, ps.status_msg,
              ps.date::text AS date, ps.dedupe_key::text AS dedupe_key
         FROM payload_statuses ps
         JOIN payloads p ON p.id = ps.payload_id
         JOIN services sv ON sv.id = ps.service_id
         JOIN statuses st ON st.id = ps.status_id
         LEFT JOIN sources so ON so.id = ps.source_id
        ORDER BY ps.status_msg NULLS LAST, ps.id
        LIMIT 200`,
    );
    for (const row of rows) {
      const fingerprint = statusFingerprint({
        requestId: String(row['request_id']),
        service: String(row['service']),
        source: row['source'] ?? null,
        status: String(row['status']),
        statusMsg: row['status_msg'] ?? null,
        date: parseTimestamp(String(row['date'])) ?? 0n,
        account: null,
        orgId: null,
        inventoryId: null,
        systemId: null,
      });
      const md5 = createHash('md5').update(fingerprint).digest('hex');
      expect(row['dedupe_key']?.replaceAll('-', '')).toBe(md5);
    }
    expect(rows.some((row) => row['status_msg'] !== null)).toBe(true);
  });

  it('adds the same amount again on a re-run, and starts over with truncate', async () => {
    const again = await seedDatabase(
      seedOptions(database, { payloads: 500, statuses: 3333, isVacuum: false }),
      silent,
    );

    expect(again).toMatchObject({ payloads: 500, statuses: 3333, partitions_created: 0 });
    expect(await countRows(database.url)).toEqual({ payloads: 2500, statuses: 23_333 });

    await seedDatabase(
      seedOptions(database, { payloads: 300, statuses: 1000, isTruncate: true }),
      silent,
    );
    expect(await countRows(database.url)).toEqual({ payloads: 300, statuses: 1000 });
    const [outcomes] = await query<{ count: string }>(
      database.url,
      `SELECT count(*) FROM payload_outcomes`,
    );
    expect(outcomes?.count).toBe('300');
  });

  it('runs from the CLI and prints a JSON summary', async () => {
    const cliDatabase = await createTestDatabase();
    try {
      const { stdout } = await promisify(execFile)(
        join(workspaceRoot, 'node_modules/.bin/tsx'),
        [
          '--tsconfig',
          'tsconfig.base.json',
          'tools/seed/src/main.ts',
          '--payloads',
          '100',
          '--statuses-per-payload',
          '3',
          '--days',
          '2',
        ],
        { cwd: workspaceRoot, env: { ...process.env, DATABASE_URL: cliDatabase.url } },
      );

      const printed = JSON.parse(stdout) as SeedSummary;
      expect(printed).toMatchObject({ payloads: 100, statuses: 300, days: 2 });
      expect(printed.outcomes.succeeded + printed.outcomes.failed + printed.outcomes.stalled).toBe(
        100,
      );
      expect(await countRows(cliDatabase.url)).toEqual({ payloads: 100, statuses: 300 });
    } finally {
      await cliDatabase.drop();
    }
  });
});
