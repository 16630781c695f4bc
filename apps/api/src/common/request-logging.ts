import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { LogLevel } from '@payload-tracker/platform';

/** Header carrying the correlation id in and out. */
export const CORRELATION_HEADER = 'x-request-id';

const ACCEPTABLE_CORRELATION_ID = /^[\w.:@/+=-]{1,128}$/;

/**
 * Fastify's request id: the caller's correlation id when it looks sane, else a new one. A hook
 * echoes it back and keeps it in the {@link requestContext} for every line logged meanwhile.
 */
export function correlationId(request: IncomingMessage): string {
  const incoming = request.headers[CORRELATION_HEADER];
  return typeof incoming === 'string' && ACCEPTABLE_CORRELATION_ID.test(incoming)
    ? incoming
    : randomUUID();
}

/** The request being handled, for log lines written while handling it. */
export interface RequestContext {
  readonly correlationId: string;
  readonly method: string;
  readonly url: string;
}

/** Set by the api's `onRequest` hook around the rest of each request. */
export const requestContext = new AsyncLocalStorage<RequestContext>();

/**
 * The fields every line logged while handling a request carries (pino's `mixin`, so a line
 * costs them only when it is written: no per-request child logger).
 */
export function requestLogFields(): Record<string, unknown> {
  const context = requestContext.getStore();
  return context === undefined
    ? {}
    : { correlation_id: context.correlationId, req: { method: context.method, url: context.url } };
}

/** Levels at which a line per request is written. */
const REQUEST_LINE_LEVELS: readonly LogLevel[] = ['debug', 'trace'];

/** The level of a request's own line: failures at error, the rest at debug when it is on. */
export function requestLineLevel(
  configured: LogLevel,
  statusCode: number,
): 'error' | 'debug' | undefined {
  if (statusCode >= 500) {
    return 'error';
  }
  return REQUEST_LINE_LEVELS.includes(configured) ? 'debug' : undefined;
}
