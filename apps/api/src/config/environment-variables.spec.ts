import {
  EnvironmentValidationError,
  validateEnvironmentVariables,
} from '@payload-tracker/platform';

import { EnvironmentVariables } from './environment-variables';

const validateEnvironment = (raw: Record<string, unknown>): EnvironmentVariables =>
  validateEnvironmentVariables(EnvironmentVariables, raw);

const MINIMAL = { DATABASE_URL: 'postgres://user:s3cret@db:5432/payload_tracker' };

describe('the api environment', () => {
  it('leaves DATABASE_READ_URL unset by default', () => {
    const sut = validateEnvironment(MINIMAL);

    expect(sut.DATABASE_READ_URL).toBeUndefined();
  });

  it('accepts a postgres URL for DATABASE_READ_URL', () => {
    const url = 'postgresql://reader:s3cret@replica:5432/payload_tracker';

    const sut = validateEnvironment({ ...MINIMAL, DATABASE_READ_URL: url });

    expect(sut.DATABASE_READ_URL).toBe(url);
  });

  it.each([
    ['not a URL', 'replica:5432'],
    ['another scheme', 'mysql://reader:s3cret@replica/payload_tracker'],
    ['empty', ''],
  ])('refuses a DATABASE_READ_URL that is %s, naming it without its value', (_case, value) => {
    let thrown: unknown;
    try {
      validateEnvironment({ ...MINIMAL, DATABASE_READ_URL: value });
    } catch (error: unknown) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(EnvironmentValidationError);
    const message = (thrown as Error).message;
    expect(message).toContain('DATABASE_READ_URL must be a postgres:// or postgresql:// URL');
    if (value !== '') {
      expect(message).not.toContain(value);
    }
  });
});
