import { buildPoolConfig } from '@payload-tracker/platform';
import type { DatabaseSettings } from '@payload-tracker/platform';

import { buildDataSourceOptions } from './build-data-source-options';

const settings: DatabaseSettings = {
  DATABASE_URL: undefined,
  DB_HOST: 'db.example',
  DB_PORT: 5433,
  DB_NAME: 'tracker',
  DB_USER: 'tracker',
  DB_PASSWORD: 'secret',
  DB_SSL: false,
  DB_POOL_SIZE: 7,
};

describe('buildDataSourceOptions', () => {
  it('connects with the DB_* settings when there is no DATABASE_URL', () => {
    const sut = buildDataSourceOptions(settings);
    expect(sut).toMatchObject({
      type: 'postgres',
      host: 'db.example',
      port: 5433,
      database: 'tracker',
      username: 'tracker',
      poolSize: 7,
      synchronize: false,
      migrationsRun: false,
    });
  });

  it('prefers DATABASE_URL and lets a process override the pool size', () => {
    const sut = buildDataSourceOptions(
      { ...settings, DATABASE_URL: 'postgres://u:p@h:5432/d' },
      { poolSize: 2, applicationName: 'job' },
    );
    expect(sut).toMatchObject({
      url: 'postgres://u:p@h:5432/d',
      poolSize: 2,
      applicationName: 'job',
    });
    expect(sut).not.toHaveProperty('host');
  });

  it('runs sessions in UTC', () => {
    expect(buildDataSourceOptions(settings).extra).toEqual({ options: '-c TimeZone=UTC' });
  });
});

describe('buildDataSourceOptions and buildPoolConfig', () => {
  it('connect to the same server, as the same user, in UTC', () => {
    const typeorm = buildDataSourceOptions(settings, { applicationName: 'api' });
    const pool = buildPoolConfig(settings, { applicationName: 'api' });
    expect(typeorm).toMatchObject({
      host: pool.host,
      port: pool.port,
      database: pool.database,
      username: pool.user,
      password: pool.password,
      applicationName: pool.application_name,
      poolSize: pool.max,
      extra: { options: pool.options },
    });
  });
});
