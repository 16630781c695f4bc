import type { DatabaseSettings } from './build-data-source-options';
import { buildDataSourceOptions, readDatabaseSettings } from './build-data-source-options';

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

describe('readDatabaseSettings', () => {
  it('reads every database variable through the given reader', () => {
    const read = <K extends keyof DatabaseSettings>(key: K): DatabaseSettings[K] => settings[key];
    expect(readDatabaseSettings(read)).toEqual(settings);
  });
});
