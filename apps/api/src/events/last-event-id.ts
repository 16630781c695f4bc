import { API_ERROR_CODES, ApiError } from '../common/api-error';

/** A status row id: a positive bigint in decimal. */
const STATUS_ID = /^(0|[1-9]\d{0,18})$/;

/** The largest bigint. */
const MAX_STATUS_ID = 9223372036854775807n;

/**
 * The status id a stream resumes after: the `Last-Event-ID` header, else the `last_event_id`
 * query parameter, else none.
 *
 * @throws ApiError `invalid_parameter` when the one given is not a status id
 */
export function readLastEventId(
  header: string | undefined,
  query: string | undefined,
): string | undefined {
  const [name, value] =
    header !== undefined && header !== ''
      ? ['Last-Event-ID', header]
      : query !== undefined && query !== ''
        ? ['last_event_id', query]
        : [undefined, undefined];
  if (name === undefined || value === undefined) {
    return undefined;
  }
  if (!STATUS_ID.test(value) || BigInt(value) > MAX_STATUS_ID) {
    throw new ApiError(
      API_ERROR_CODES.invalidParameter,
      `${name} must be the id of an event of this stream (a non-negative integer)`,
    );
  }
  return value;
}
