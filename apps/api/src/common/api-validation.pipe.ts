import { ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { API_ERROR_CODES, ApiError } from './api-error';

function messagesOf(errors: readonly ValidationError[]): string[] {
  return errors.flatMap((error) => [
    ...Object.values(error.constraints ?? {}),
    ...messagesOf(error.children ?? []),
  ]);
}

/**
 * Validates and transforms query DTOs. Unknown parameters are stripped, not refused (clients send
 * extra ones); every refusal becomes an {@link ApiError} naming the parameter.
 */
export class ApiValidationPipe extends ValidationPipe {
  constructor() {
    super({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: false,
      stopAtFirstError: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors: ValidationError[]): ApiError =>
        new ApiError(
          API_ERROR_CODES.invalidParameter,
          messagesOf(errors).join('; ') || 'Invalid parameter',
        ),
    });
  }
}
