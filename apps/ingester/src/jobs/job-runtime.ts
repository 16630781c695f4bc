import type { DatabaseSettings } from '@payload-tracker/entities';
import { buildDataSourceOptions } from '@payload-tracker/entities';
import type { Logger } from 'pino';
import { pino } from 'pino';
import { DataSource } from 'typeorm';

/** JSON-lines logger of a job, tagged with its name. */
export function createJobLogger(job: string, level = 'info'): Logger {
  return pino({ level, base: { job } });
}

/** An initialised data source with a small pool (jobs run one statement at a time). */
export async function openJobDataSource(
  settings: DatabaseSettings,
  job: string,
): Promise<DataSource> {
  const dataSource = new DataSource(
    buildDataSourceOptions(settings, { applicationName: `payload-tracker-${job}`, poolSize: 2 }),
  );
  return dataSource.initialize();
}

/**
 * Runs a job's body, logging a failure as one JSON line and setting a non-zero exit code.
 * Only the error's message and code are logged: a driver error can quote connection details.
 */
export async function runJob(
  job: string,
  body: (logger: Logger) => Promise<void>,
  level?: string,
): Promise<void> {
  const logger = createJobLogger(job, level);
  try {
    await body(logger);
  } catch (error: unknown) {
    const detail =
      error instanceof Error
        ? { message: error.message, code: (error as { code?: unknown }).code, stack: error.stack }
        : { message: String(error) };
    logger.error({ err: detail }, `${job} failed`);
    process.exitCode = 1;
  }
}
