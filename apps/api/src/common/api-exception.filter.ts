import { STATUS_CODES } from 'node:http';
import { Catch, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import type { ErrorBody } from '@payload-tracker/api-contract';
import type { FastifyReply } from 'fastify';
import { ApiError } from './api-error';
import type { ApiErrorCode } from './api-error';

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

function errorBody(status: number, message: string): ErrorBody {
  return { title: STATUS_CODES[status] ?? 'Error', message, status };
}

function messageOfHttpException(exception: HttpException, status: number): string {
  if (status === 429) {
    return 'Too many requests from this client address; retry in a minute';
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

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
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
    void reply
      .status(body.status)
      .header('content-type', 'application/json; charset=utf-8')
      .send(body);
  }
}
