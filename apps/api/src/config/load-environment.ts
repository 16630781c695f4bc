import { readEnvironment } from '@payload-tracker/platform';
import type { EnvironmentOverrides } from '@payload-tracker/platform';

import { EnvironmentVariables } from './environment-variables';

/**
 * The api's validated environment, read once per application (main.ts, the tests, the OpenAPI
 * generator) before Nest starts: the HTTP adapter and the logger need it first.
 *
 * @param overrides - plain-text values laid over `process.env` (tests, the OpenAPI generator)
 * @throws EnvironmentValidationError naming every invalid variable
 */
export function loadEnvironment(overrides: EnvironmentOverrides = {}): EnvironmentVariables {
  return readEnvironment(EnvironmentVariables, overrides);
}
