import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, runMigrations } from '@payload-tracker/entities';
import { AddQueryApiIndexes1795828000000 } from '../../../libs/entities/src/migrations/1795828000000-AddQueryApiIndexes';
async function main() {
  const { Client } = await import('pg');
  const admin = new Client({ connectionString: 'postgres://postgres:pw@127.0.0.1:55432/postgres' });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS dev');
  await admin.query('CREATE DATABASE dev');
  await admin.end();
  const options = buildDataSourceOptions({ DATABASE_URL: 'postgres://postgres:pw@127.0.0.1:55432/dev', DB_PORT: 5432, DB_SSL: false, DB_POOL_SIZE: 2 });
  const ds = new DataSource({ ...options, migrations: [...(options.migrations as Function[]), AddQueryApiIndexes1795828000000] } as never);
  await ds.initialize();
  console.log(await runMigrations(ds));
  await ds.destroy();
}
main().catch((e) => { console.error(e); process.exit(1); });
