import { validateEnvironmentVariables } from '@payload-tracker/entities';
import type { ClassConstructor } from 'class-transformer';

/** The one place the jobs read `process.env`. */
export function loadJobEnvironment<T extends object>(schema: ClassConstructor<T>): T {
  return validateEnvironmentVariables(schema, process.env);
}
