import { DatabaseEnvironmentVariables } from '@payload-tracker/entities';
import { IsIn } from 'class-validator';

/** Log levels pino knows. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Environment of the migrate job: the database and the log level. */
export class JobEnvironmentVariables extends DatabaseEnvironmentVariables {
  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';
}
