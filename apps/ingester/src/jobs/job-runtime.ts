import type { Logger } from 'pino';
import { DataSource } from 'typeorm';

import { buildDataSourceOptions } from '@payload-tracker/entities';
import { createProcessLogger, reportStartupFailure } from '@payload-tracker/platform';
import type { DatabaseSettings, LogFormat, LogLevel } from '@payload-tracker/platform';

/** The `process` field of a job's log lines: `payload-tracker-migrate`, `payload-tracker-retention`. */
export function jobProcessName(job: string): string {
  return `payload-tracker-${job}`;
}

/** An initialised data source with a small pool (jobs run one statement at a time). */
export async function openJobDataSource(
  settings: DatabaseSettings,
  job: string,
): Promise<DataSource> {
  const dataSource = new DataSource(
    buildDataSourceOptions(settings, { applicationName: jobProcessName(job), poolSize: 2 }),
  );
  return dataSource.initialize();
}

/** What a job reads before its body runs. */
export interface JobSettings {
  readonly LOG_LEVEL: LogLevel;
  readonly LOG_FORMAT: LogFormat;
}

/**
 * Runs a job: reads its settings (an invalid environment is reported like any start-up
 * failure), then its body with the job's logger, logging a failure as one line of the common
 * shape and setting a non-zero exit code. Only the error's message and code are logged: a
 * driver error can quote connection details.
 */
export async function runJob<S extends JobSettings>(
  job: string,
  readSettings: () => S,
  body: (settings: S, logger: Logger) => Promise<void>,
): Promise<void> {
  let settings: S;
  try {
    settings = readSettings();
  } catch (error: unknown) {
    reportStartupFailure(jobProcessName(job), error);
    return;
  }
  const logger = createProcessLogger({
    process: jobProcessName(job),
    level: settings.LOG_LEVEL,
    format: settings.LOG_FORMAT,
  });
  try {
    await body(settings, logger);
  } catch (error: unknown) {
    const detail =
      error instanceof Error
        ? { message: error.message, code: (error as { code?: unknown }).code, stack: error.stack }
        : { message: String(error) };
    logger.error({ err: detail }, `${job} failed`);
    process.exitCode = 1;
  }
}
