import type { LoggerService } from '@nestjs/common';
import type { Level, Logger } from 'pino';

/** Nest's per-module and per-route start-up lines: worth reading when debugging, not at info. */
const NEST_BOOT_CONTEXTS: ReadonlySet<unknown> = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
]);

/**
 * Nest's `LoggerService` over a pino logger, with the same contract as nestjs-pino's: the last
 * extra argument is the context, an object message becomes fields, an `Error` becomes `err`.
 * Given to `NestFactory.create` from the start, so Nest's own lines (a failed start included)
 * have the common JSON shape and nothing is buffered. Nest's line per module and per route is
 * written at debug.
 */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...optionalParams: unknown[]): void {
    this.write('info', message, optionalParams);
  }

  error(message: unknown, ...optionalParams: unknown[]): void {
    this.write('error', message, optionalParams);
  }

  warn(message: unknown, ...optionalParams: unknown[]): void {
    this.write('warn', message, optionalParams);
  }

  debug(message: unknown, ...optionalParams: unknown[]): void {
    this.write('debug', message, optionalParams);
  }

  verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.write('trace', message, optionalParams);
  }

  fatal(message: unknown, ...optionalParams: unknown[]): void {
    this.write('fatal', message, optionalParams);
  }

  private write(wanted: Level, message: unknown, optionalParams: readonly unknown[]): void {
    const context = optionalParams[optionalParams.length - 1];
    const level = wanted === 'info' && NEST_BOOT_CONTEXTS.has(context) ? 'debug' : wanted;
    if (!this.logger.isLevelEnabled(level)) {
      return;
    }
    const fields: Record<string, unknown> = {};
    let params = optionalParams;
    if (params.length > 0) {
      fields['context'] = params[params.length - 1];
      params = params.slice(0, -1);
    }
    if (message instanceof Error) {
      fields['err'] = message;
      this.logger[level](fields, message.message);
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(fields, message);
      const [text] = params;
      this.logger[level](fields, typeof text === 'string' ? text : undefined);
    } else if (typeof message === 'string' && isExceptionHandlerContract(level, params)) {
      // Nest's exception handlers call error(message, stack, context).
      const err = new Error(message);
      err.stack = params[0];
      fields['err'] = err;
      this.logger[level](fields, message);
    } else {
      this.logger[level](fields, String(message));
    }
  }
}

function isExceptionHandlerContract(
  level: Level,
  params: readonly unknown[],
): params is readonly [string] {
  return (
    level === 'error' &&
    params.length === 1 &&
    typeof params[0] === 'string' &&
    /\n\s*at /.test(params[0])
  );
}
