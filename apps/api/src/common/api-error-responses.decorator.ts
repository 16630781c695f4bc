import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorBodyDto } from './error-body.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: 'A parameter is invalid; the message names it and its allowed values',
  401: 'x-rh-identity header missing or undecodable',
  403: 'The identity lacks the archive download role',
  404: 'Not found',
  429: 'Rate limit exceeded for this client address',
  502: 'The storage broker failed, timed out or answered garbage',
  503: 'A dependency is unavailable or not configured',
};

/** Documents the error bodies a route can answer with (429 applies everywhere). */
export function ApiErrorResponses(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...[...statuses, 429].map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'Error', type: ErrorBodyDto }),
    ),
  );
}
