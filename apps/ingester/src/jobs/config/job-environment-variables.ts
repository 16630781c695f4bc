import { DatabaseEnvironmentVariables, LOG_LEVELS } from '@payload-tracker/entities';
import type { LogLevel } from '@payload-tracker/entities';
import { IsIn } from 'class-validator';

/** Environment of the migrate job: the database and the log level. */
export class JobEnvironmentVariables extends DatabaseEnvironmentVariables {
  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';
}
