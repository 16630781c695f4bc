import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { LogLevel } from '../config/environment-variables';

/** Header carrying the correlation id in and out. */
export const CORRELATION_HEADER = 'x-request-id';

const ACCEPTABLE_CORRELATION_ID = /^[\w.:@/+=-]{1,128}$/;

/**
 * Fastify's request id: the caller's correlation id when it looks sane, else a new one. Fastify
 * hands it to the raw request, where pino-http picks it up, and a hook echoes it back.
 */
export function correlationId(request: IncomingMessage): string {
  const incoming = request.headers[CORRELATION_HEADER];
  return typeof incoming === 'string' && ACCEPTABLE_CORRELATION_ID.test(incoming)
    ? incoming
    : randomUUID();
}

/** Levels at which per-request lines are written. */
const REQUEST_LINE_LEVELS: readonly LogLevel[] = ['debug', 'trace'];

/**
 * JSON lines on stdout; identity headers never logged; per-request lines at debug. Above debug
 * a successful request's line is not even assembled ('silent'), which saves its bindings and
 * serializers on every request.
 */
export function loggerOptions(level: LogLevel): Params {
  const successLevel = REQUEST_LINE_LEVELS.includes(level) ? 'debug' : 'silent';
  return {
    // Nest 11's route syntax for "every path" (the library's default `*` is the legacy form).
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level,
      customProps: (request) => ({ correlation_id: request.id }),
      customLogLevel: (_request, response, error) =>
        error !== undefined || response.statusCode >= 500 ? 'error' : successLevel,
      serializers: {
        req: (request: { method?: string; url?: string }) => ({
          method: request.method,
          url: request.url,
        }),
        res: (response: { statusCode?: number }) => ({ status: response.statusCode }),
      },
      redact: ['req.headers["x-rh-identity"]', 'req.headers.authorization', 'req.headers.cookie'],
    },
  };
}
