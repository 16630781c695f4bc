import { createDatabase, dropDatabase, withDatabase } from '../postgres/database-admin';
import { TEST_ENV, requireTestEnv, uniqueSuffix } from './test-environment';

/** A database of one's own for a test file: a clone of the migrated template. */
export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** Clones the run's migrated template into a new database (about 100 ms). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = requireTestEnv(TEST_ENV.adminDatabaseUrl);
  const template = requireTestEnv(TEST_ENV.templateDatabase);
  const name = `pt_test_${uniqueSuffix()}`;
  await createDatabase(adminUrl, name, template);
  return { url: withDatabase(adminUrl, name), name, drop: () => dropDatabase(adminUrl, name) };
}

/**
 * Creates a new database with nothing in it (PostgreSQL's `template1`, never migrated): for a
 * test that builds another schema there, such as the Go edition's.
 */
export async function createEmptyTestDatabase(): Promise<TestDatabase> {
  const adminUrl = requireTestEnv(TEST_ENV.adminDatabaseUrl);
  const name = `pt_test_empty_${uniqueSuffix()}`;
  await createDatabase(adminUrl, name);
  return { url: withDatabase(adminUrl, name), name, drop: () => dropDatabase(adminUrl, name) };
}
