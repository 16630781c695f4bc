import { Catch, HttpException, HttpStatus, Logger, NotFoundException } from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import type { ErrorBody } from '@payload-tracker/api-contract';
import { isDatabaseUnavailableError } from '@payload-tracker/platform';
import type { FastifyReply } from 'fastify';
import { API_ERROR_CODES, ApiError } from './api-error';
import type { ApiErrorCode } from './api-error';
import { errorBody } from './framework-errors';

/** The HTTP status of each error code; exhaustive so a new code cannot be forgotten. */
export function httpStatusOf(code: ApiErrorCode): number {
  switch (code) {
    case 'invalid_parameter':
      return HttpStatus.BAD_REQUEST;
    case 'identity_missing':
    case 'identity_invalid':
      return HttpStatus.UNAUTHORIZED;
    case 'role_missing':
      return HttpStatus.FORBIDDEN;
    case 'payload_not_found':
    case 'archive_not_found':
      return HttpStatus.NOT_FOUND;
    case 'storage_broker_failed':
      return HttpStatus.BAD_GATEWAY;
    case 'not_configured':
    case 'database_unavailable':
    case 'too_many_event_streams':
    case 'shutting_down':
      return HttpStatus.SERVICE_UNAVAILABLE;
  }
}

/** Seconds a client should wait before it retries when the database is unavailable. */
export const RETRY_AFTER_SECONDS = 5;

/** At most this many characters of what the client sent are echoed in a message. */
export const MAX_ECHO_LENGTH = 100;

/** `text` cut to {@link MAX_ECHO_LENGTH} characters, with an ellipsis when it was longer. */
export function excerptOf(text: string): string {
  return text.length <= MAX_ECHO_LENGTH ? text : `${text.slice(0, MAX_ECHO_LENGTH)}…`;
}

function messageOfHttpException(exception: HttpException, status: number): string {
  if (status === 429) {
    return 'Too many requests from this client address; retry in a minute';
  }
  // Nest's router says `Cannot GET <the whole path>`: echo a short excerpt only.
  const unrouted = /^Cannot ([A-Z]+) (.*)$/s.exec(exception.message);
  if (exception instanceof NotFoundException && unrouted !== null) {
    return `No route for ${unrouted[1] ?? ''} ${excerptOf(unrouted[2] ?? '')}`;
  }
  const response = exception.getResponse();
  if (typeof response === 'string') {
    return response;
  }
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') {
    return message;
  }
  if (Array.isArray(message)) {
    return message.map(String).join('; ');
  }
  return exception.message;
}

/** Turns every error into the contract's `{title, message, status}` body. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ApiExceptionFilter.name);

  catch(caught: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    // A query that failed because the database is unreachable: the database is unavailable
    // (the storage broker's failures are already ApiErrors of their own).
    const exception =
      !(caught instanceof ApiError) &&
      !(caught instanceof HttpException) &&
      isDatabaseUnavailableError(caught)
        ? new ApiError(
            API_ERROR_CODES.databaseUnavailable,
            'The database does not answer; retry later',
            { cause: caught },
          )
        : caught;
    let body: ErrorBody;
    if (exception instanceof ApiError) {
      body = errorBody(httpStatusOf(exception.code), exception.message);
      if (body.status >= 500) {
        this.logger.warn(
          {
            code: exception.code,
            cause: exception.cause instanceof Error ? exception.cause.message : undefined,
          },
          exception.message,
        );
      }
    } else if (exception instanceof HttpException) {
      const status = exception.getStatus();
      body = errorBody(status, messageOfHttpException(exception, status));
    } else {
      const error = exception instanceof Error ? exception : new Error(String(exception));
      this.logger.error({ err: error }, `Unhandled error: ${error.message}`);
      body = errorBody(HttpStatus.INTERNAL_SERVER_ERROR, 'Internal server error');
    }
    if (exception instanceof ApiError && exception.code === API_ERROR_CODES.databaseUnavailable) {
      void reply.header('retry-after', RETRY_AFTER_SECONDS.toString());
    }
    void reply
      .status(body.status)
      .header('content-type', 'application/json; charset=utf-8')
      .send(body);
  }
}
