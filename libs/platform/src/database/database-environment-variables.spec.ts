import { DatabaseEnvironmentVariables } from './database-environment-variables';
import { EnvironmentValidationError } from '../config/environment-validation.error';
import { validateEnvironmentVariables } from '../config/validate-environment';

function validationError(raw: Record<string, unknown>): EnvironmentValidationError {
  try {
    validateEnvironmentVariables(DatabaseEnvironmentVariables, raw);
  } catch (error: unknown) {
    if (error instanceof EnvironmentValidationError) return error;
    throw error;
  }
  throw new Error('expected the environment to be rejected');
}

describe('validateEnvironmentVariables with DatabaseEnvironmentVariables', () => {
  it('accepts DATABASE_URL alone and applies the defaults', () => {
    const sut = validateEnvironmentVariables(DatabaseEnvironmentVariables, {
      DATABASE_URL: 'postgres://u:p@db:5432/tracker',
    });
    expect(sut.DATABASE_URL).toBe('postgres://u:p@db:5432/tracker');
    expect(sut.DB_PORT).toBe(5432);
    expect(sut.DB_POOL_SIZE).toBe(10);
    expect(sut.DB_SSL).toBe(false);
  });

  it('converts the DB_* variables from text', () => {
    const sut = validateEnvironmentVariables(DatabaseEnvironmentVariables, {
      DB_HOST: 'db',
      DB_PORT: '6543',
      DB_NAME: 'tracker',
      DB_USER: 'tracker',
      DB_PASSWORD: 'secret',
      DB_SSL: 'true',
      DB_POOL_SIZE: '4',
    });
    expect(sut).toMatchObject({ DB_HOST: 'db', DB_PORT: 6543, DB_SSL: true, DB_POOL_SIZE: 4 });
  });

  it('names every missing variable when there is no DATABASE_URL', () => {
    const error = validationError({ DB_PASSWORD: 'secret' });
    expect(error.problems.map((problem) => problem.variable).sort()).toEqual([
      'DB_HOST',
      'DB_NAME',
      'DB_USER',
    ]);
  });

  it('names the bad variable without printing secret values', () => {
    const error = validationError({
      DATABASE_URL: 'mysql://user:hunter2-secret@db/x',
      DB_PORT: 'not-a-port',
      DB_SSL: 'maybe',
      DB_PASSWORD: 'hunter2-secret',
    });
    expect(error.problems.map((problem) => problem.variable).sort()).toEqual([
      'DATABASE_URL',
      'DB_PORT',
      'DB_SSL',
    ]);
    expect(error.message).toContain('DB_PORT');
    expect(error.message).not.toContain('hunter2');
    expect(error.message).not.toContain('not-a-port');
  });
});
