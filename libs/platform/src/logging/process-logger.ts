import { destination, pino, stdTimeFunctions } from 'pino';
import type { DestinationStream, Logger, LoggerOptions } from 'pino';

import type { LogFormat, LogLevel } from './log-levels';

/** How one process logs. */
export interface ProcessLoggerSettings {
  /** The `process` field of every line: `payload-tracker-api`, `payload-tracker-migrate`... */
  readonly process: string;
  readonly level: LogLevel;
  /** `auto` (the default) is `pretty` when stdout is a terminal and JSON otherwise. */
  readonly format?: LogFormat;
  /** Fields added to every line at the moment it is written (e.g. the request being served). */
  readonly mixin?: () => Record<string, unknown>;
  /** Paths never written (pino's `redact`). */
  readonly redact?: readonly string[];
  /** Where lines go instead of stdout (tests); always JSON. */
  readonly destination?: DestinationStream;
}

/** Header values that may carry identities or credentials, never logged. */
export const REDACTED_PATHS = [
  'req.headers["x-rh-identity"]',
  'req.headers.authorization',
  'req.headers.cookie',
] as const;

/**
 * pino options that give every process one line shape:
 * `{"level":"info","time":"<ISO 8601>","process":"payload-tracker-api","msg":"...", ...fields}`.
 */
export function processLoggerOptions(settings: ProcessLoggerSettings): LoggerOptions {
  return {
    level: settings.level,
    base: { process: settings.process },
    timestamp: stdTimeFunctions.isoTime,
    messageKey: 'msg',
    formatters: { level: (label: string) => ({ level: label }) },
    redact: [...REDACTED_PATHS, ...(settings.redact ?? [])],
    ...(settings.mixin === undefined ? {} : { mixin: settings.mixin }),
  };
}

function isPretty(format: LogFormat): boolean {
  return format === 'pretty' || (format === 'auto' && process.stdout.isTTY === true);
}

/**
 * pino-pretty is a development tool, not installed in the images: without it the lines stay
 * JSON, which is what a log collector wants anyway.
 */
function prettyDestination(): DestinationStream | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pretty = require('pino-pretty') as (options: object) => DestinationStream;
    return pretty({ sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
  } catch {
    return undefined;
  }
}

/**
 * The root logger of a process. Lines are written synchronously to stdout, so nothing is lost
 * when the process exits right after an error.
 */
export function createProcessLogger(settings: ProcessLoggerSettings): Logger {
  const options = processLoggerOptions(settings);
  if (settings.destination !== undefined) {
    return pino(options, settings.destination);
  }
  const pretty = isPretty(settings.format ?? 'auto') ? prettyDestination() : undefined;
  return pino(options, pretty ?? destination({ dest: 1, sync: true }));
}

/**
 * Logs why a process could not start, as one line of the common shape, and sets exit code 1.
 * For failures before the configured logger exists (an invalid environment). Only the message
 * and code of the error are written: a driver error can quote connection details.
 */
export function reportStartupFailure(processName: string, error: unknown): void {
  const logger = createProcessLogger({ process: processName, level: 'info', format: 'json' });
  const err =
    error instanceof Error
      ? { type: error.name, message: error.message, code: (error as { code?: unknown }).code }
      : { message: String(error) };
  logger.fatal({ err }, `${processName} could not start: ${err.message}`);
  process.exitCode = 1;
}
