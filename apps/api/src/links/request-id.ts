import { API_ERROR_CODES, ApiError } from '../common/api-error';

/** A UUID as 32 hexadecimal digits or in the dashed 8-4-4-4-12 form, as the OpenAPI document states it. */
export const UUID_PATTERN =
  '^(?:[0-9a-fA-F]{32}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$';

const UUID = new RegExp(UUID_PATTERN);

/** Whether `value` is a UUID written as 32 hex digits or in the dashed form. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * Returns `requestId` when it is a UUID; the link endpoints put it into other systems' URLs
 * and queries, so nothing else is accepted there.
 *
 * @throws ApiError `invalid_parameter`
 */
export function requireUuidRequestId(requestId: string): string {
  if (!isUuid(requestId)) {
    throw new ApiError(
      API_ERROR_CODES.invalidParameter,
      'request_id must be a UUID: 32 hexadecimal digits, or the dashed 8-4-4-4-12 form',
    );
  }
  return requestId;
}
