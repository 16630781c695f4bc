import { API_ERROR_CODES, ApiError } from '../common/api-error';

const HEX_UUID = /^[0-9a-f]{32}$/i;
const DASHED_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` is a UUID written as 32 hex digits or in the dashed form. */
export function isUuid(value: string): boolean {
  return HEX_UUID.test(value) || DASHED_UUID.test(value);
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
