import { validateEnvironment } from './environment-variables';
import type { EnvironmentVariables } from './environment-variables';

/** Plain-text overrides of environment variables (tests, the OpenAPI generator). */
export type EnvironmentOverrides = Readonly<Record<string, string>>;

/** The process environment with `overrides` on top; the only reader of `process.env`. */
export function rawEnvironment(overrides: EnvironmentOverrides = {}): Record<string, unknown> {
  return { ...process.env, ...overrides };
}

/** The validated environment, for what must be known before Nest starts (the HTTP adapter). */
export function loadEnvironment(overrides: EnvironmentOverrides = {}): EnvironmentVariables {
  return validateEnvironment(rawEnvironment(overrides));
}
