import { Client } from 'pg';
export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}
export async function createTestDatabase(): Promise<TestDatabase> {
  const admin = process.env['PT_TEST_ADMIN_DATABASE_URL'] ?? '';
  const template = process.env['PT_TEST_TEMPLATE_DATABASE'] ?? '';
  const name = `pt_api_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const c = new Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
