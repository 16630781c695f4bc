import type { ClassConstructor } from 'class-transformer';
import { plainToInstance } from 'class-transformer';
import type { ValidationError } from 'class-validator';
import { validateSync } from 'class-validator';
import type { EnvironmentProblem } from './environment-validation.error';
import { EnvironmentValidationError } from './environment-validation.error';

function collectProblems(errors: readonly ValidationError[], prefix = ''): EnvironmentProblem[] {
  // Only constraint messages are reported: class-validator's default messages name the
  // property but not the value, so secrets (DB_PASSWORD, DATABASE_URL) never reach a log.
  return errors.flatMap((error) => [
    ...(error.constraints
      ? [{ variable: `${prefix}${error.property}`, problems: Object.values(error.constraints) }]
      : []),
    ...collectProblems(error.children ?? [], `${prefix}${error.property}.`),
  ]);
}

/**
 * Turns raw variables (usually `process.env`) into a validated instance of `schema`, applying
 * the class's defaults. Throws `EnvironmentValidationError` naming each invalid variable.
 */
export function validateEnvironmentVariables<T extends object>(
  schema: ClassConstructor<T>,
  raw: Record<string, unknown>,
): T {
  const instance = plainToInstance(schema, raw, { exposeDefaultValues: true });
  const errors = validateSync(instance, { skipMissingProperties: false, stopAtFirstError: true });
  if (errors.length > 0) {
    throw new EnvironmentValidationError(collectProblems(errors));
  }
  return instance;
}
