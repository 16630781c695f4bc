import type { ClassConstructor } from 'class-transformer';

import { validateEnvironmentVariables } from './validate-environment';

/** Plain-text values laid over the process environment (tests, generators). */
export type EnvironmentOverrides = Readonly<Record<string, string>>;

/**
 * The one reader of `process.env` in every process: the environment with `overrides` on top,
 * validated by `schema`. No process reads a `.env` file: local runs get their variables from
 * `npm start` or the shell, deployments from their manifests.
 *
 * @throws EnvironmentValidationError naming every invalid variable (never its value)
 */
export function readEnvironment<T extends object>(
  schema: ClassConstructor<T>,
  overrides: EnvironmentOverrides = {},
): T {
  return validateEnvironmentVariables(schema, { ...process.env, ...overrides });
}
