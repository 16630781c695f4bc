import { DataSource } from 'typeorm';
import {
  DatabaseEnvironmentVariables,
  validateEnvironmentVariables,
} from '@payload-tracker/platform';
import { buildDataSourceOptions } from '../data-source/build-data-source-options';

/** An initialised data source on a test database, built the way the apps build theirs. */
export async function openTestDataSource(url: string): Promise<DataSource> {
  const settings = validateEnvironmentVariables(DatabaseEnvironmentVariables, {
    DATABASE_URL: url,
  });
  const dataSource = new DataSource(
    buildDataSourceOptions(settings, { applicationName: 'entities-tests' }),
  );
  return dataSource.initialize();
}
