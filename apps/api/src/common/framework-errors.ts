import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';

import type { ErrorBody } from '@payload-tracker/api-contract';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/*
 * Errors raised below Nest (by Node's HTTP parser or Fastify's router) and checks that must run
 * before any route: each answers with the contract's `{title, message, status}` body, like the
 * exception filter, and echoes nothing the client sent.
 */

/** The contract's error body for `status`. */
export function errorBody(status: number, message: string): ErrorBody {
  return { title: STATUS_CODES[status] ?? 'Error', message, status };
}

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

function send(reply: FastifyReply, body: ErrorBody, headers: Record<string, string> = {}): void {
  void reply
    .code(body.status)
    .headers(headers)
    .header('content-type', JSON_CONTENT_TYPE)
    .send(body);
}

/**
 * Fastify's `frameworkErrors`: a path that is not valid percent-encoded UTF-8 (`%FF`), or a path
 * parameter over the router's limit.
 */
export function answerFrameworkError(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      send(reply, errorBody(400, 'The request path is not valid percent-encoded UTF-8'));
      return;
    case 'FST_ERR_MAX_PARAM_LENGTH':
      send(reply, errorBody(414, 'A path parameter is longer than the 1024 characters allowed'));
      return;
    default:
      send(reply, errorBody(400, 'The request could not be routed'));
  }
}

/** The raw response to a request Node's HTTP parser refused, by the parser's error code. */
export function clientErrorResponse(code: string | undefined): string {
  let body: ErrorBody;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    body = errorBody(408, 'The request did not arrive in time');
  } else if (code === 'HPE_HEADER_OVERFLOW') {
    body = errorBody(431, 'The request line and headers are larger than the 16 KB allowed');
  } else {
    body = errorBody(400, 'The request is not valid HTTP (raw non-ASCII or control bytes?)');
  }
  const text = JSON.stringify(body);
  return (
    `HTTP/1.1 ${body.status.toString()} ${body.title}\r\n` +
    `Content-Type: ${JSON_CONTENT_TYPE}\r\n` +
    `Content-Length: ${Buffer.byteLength(text).toString()}\r\n` +
    'Connection: close\r\n\r\n' +
    text
  );
}

/** Fastify's `clientErrorHandler`: as Fastify's own, with the contract's body. */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) {
    return;
  }
  if (socket.writable) {
    socket.write(clientErrorResponse(error.code));
  }
  socket.destroy(error);
}

/**
 * The name of the first query or path parameter holding a NUL byte, which PostgreSQL cannot
 * store in text and would refuse (`path` for the rest of the path a wildcard route matched);
 * `undefined` when there is none.
 */
export function findNulParameter(...sources: unknown[]): string | undefined {
  for (const source of sources) {
    if (source === null || typeof source !== 'object') {
      continue;
    }
    for (const [name, value] of Object.entries(source)) {
      const values: unknown[] = Array.isArray(value) ? value : [value];
      if (values.some((item) => typeof item === 'string' && item.includes('\u0000'))) {
        // A wildcard route's parameter is the rest of the path.
        return name === '*' ? 'path' : name;
      }
    }
  }
  return undefined;
}

/** Answers 400 naming the parameter when a query or path parameter holds a NUL byte. */
export function refuseNulParameters(
  request: FastifyRequest,
  reply: FastifyReply,
  done: () => void,
): void {
  const name = findNulParameter(request.params, request.query);
  if (name === undefined) {
    done();
    return;
  }
  send(reply, errorBody(400, `${name} must not contain a NUL byte`));
}

/**
 * The methods each route pattern answers (`/api/v1/payloads/:request_id`, `/api/docs/*`), so an
 * unmatched request can be told which methods its path does allow (405 with `Allow`) rather
 * than that the path does not exist.
 */
export class RouteTable {
  private readonly routes: { segments: string[]; methods: Set<string> }[] = [];

  add(pattern: string, methods: string | readonly string[]): void {
    const segments = pattern.split('/');
    const existing = this.routes.find((route) => route.segments.join('/') === segments.join('/'));
    const entry = existing ?? { segments, methods: new Set<string>() };
    for (const method of typeof methods === 'string' ? [methods] : methods) {
      entry.methods.add(method.toUpperCase());
    }
    if (existing === undefined) {
      this.routes.push(entry);
    }
  }

  /** The methods some route answers at `path` (no query), sorted; empty when none does. */
  allowedMethods(path: string): string[] {
    const segments = path.split('/');
    const allowed = new Set<string>();
    for (const route of this.routes) {
      if (matches(route.segments, segments)) {
        route.methods.forEach((method) => allowed.add(method));
      }
    }
    return [...allowed].sort();
  }
}

function matches(pattern: readonly string[], path: readonly string[]): boolean {
  for (const [index, part] of pattern.entries()) {
    if (part === '*') {
      return true;
    }
    const segment = path[index];
    if (segment === undefined) {
      return false;
    }
    if (part.startsWith(':') ? segment === '' : part !== segment) {
      return false;
    }
  }
  return pattern.length === path.length;
}

/**
 * For a request no route matched: 405 with `Allow` when its path exists under other methods;
 * otherwise on to the not-found answer.
 */
export function answerWrongMethod(
  routes: RouteTable,
): (request: FastifyRequest, reply: FastifyReply, done: () => void) => void {
  return (request, reply, done) => {
    if (request.routeOptions.url !== undefined) {
      done();
      return;
    }
    const path = request.url.split('?')[0] ?? '/';
    const allowed = routes.allowedMethods(path).filter((method) => method !== request.method);
    if (allowed.length === 0) {
      done();
      return;
    }
    send(
      reply,
      errorBody(405, `${request.method} is not allowed here; use ${allowed.join(' or ')}`),
      { allow: allowed.join(', ') },
    );
  };
}
