import { Client } from 'pg';

/** Quotes an SQL identifier (database names come from our own generators, but stay safe). */
function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Replaces the database part of a PostgreSQL URL. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function withAdminClient<T>(
  adminUrl: string,
  work: (client: Client) => Promise<T>,
): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates database `name` (a clone of `template` when given); `ifMissing` accepts one that exists. */
export async function createDatabase(
  adminUrl: string,
  name: string,
  template?: string,
  ifMissing = false,
): Promise<void> {
  if (ifMissing) {
    const exists = await withAdminClient(adminUrl, async (client) => {
      const result = await client.query('select 1 from pg_database where datname = $1', [name]);
      return result.rowCount === 1;
    });
    if (exists) return;
  }
  const sql = `CREATE DATABASE ${quoteIdentifier(name)}${template ? ` TEMPLATE ${quoteIdentifier(template)}` : ''}`;
  // Concurrent clones of one template can collide on PostgreSQL's "being accessed" check.
  for (let attempt = 1; ; attempt += 1) {
    try {
      await withAdminClient(adminUrl, (client) => client.query(sql));
      return;
    } catch (error: unknown) {
      const isBusy = error instanceof Error && /being accessed by other users/.test(error.message);
      if (!isBusy || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withAdminClient(adminUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`),
  );
}
