import type { BatchRecord } from '../kafka/partition-batch';

/** Longest key or request id written into a log line, in characters. */
export const MAX_LOGGED_CHARS = 255;

/** Bytes of a refused value searched for its request id (a valid message's fields fit easily). */
export const SCANNED_PREFIX_BYTES = 16 * 1024;

/** A `"request_id": "..."` (or numeric) pair, for values that are not whole JSON. */
const REQUEST_ID_PAIR = /"request_id"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+)/;

/** What the "invalid message" log line can say about a refused record, best effort. */
export interface RefusedMessageFields {
  key?: string;
  requestId?: string;
}

function bounded(text: string): string {
  return text.length <= MAX_LOGGED_CHARS ? text : text.slice(0, MAX_LOGGED_CHARS);
}

function parseJson(text: string): { isParsed: true; value: unknown } | { isParsed: false } {
  try {
    return { isParsed: true, value: JSON.parse(text) as unknown };
  } catch (error: unknown) {
    if (error instanceof SyntaxError) {
      return { isParsed: false };
    }
    throw error;
  }
}

function idText(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') {
    return bounded(value);
  }
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
}

function requestIdOf(value: Buffer | null): string | undefined {
  if (value === null || value.length === 0) {
    return undefined;
  }
  const prefix = value.subarray(0, SCANNED_PREFIX_BYTES).toString('utf8');
  if (value.length <= SCANNED_PREFIX_BYTES) {
    const whole = parseJson(prefix);
    if (whole.isParsed) {
      const object = whole.value;
      return typeof object === 'object' && object !== null && 'request_id' in object
        ? idText(object.request_id)
        : undefined;
    }
  }
  // Not JSON, or too large to parse: look for the pair in the prefix.
  const literal = REQUEST_ID_PAIR.exec(prefix)?.[1];
  if (literal === undefined) {
    return undefined;
  }
  const parsed = parseJson(literal);
  return parsed.isParsed ? idText(parsed.value) : undefined;
}

/**
 * The key (as text) and the request id of a refused record, for its log line: both bounded to
 * {@link MAX_LOGGED_CHARS}, the request id read leniently from at most
 * {@link SCANNED_PREFIX_BYTES} of the value (a top-level `request_id` when that prefix is the
 * whole JSON value, else the first `"request_id"` pair found in it), absent when none is there.
 */
export function refusedMessageFields(
  record: Pick<BatchRecord, 'key' | 'value'>,
): RefusedMessageFields {
  // A character is at most 4 UTF-8 bytes: decoding more than this cannot change the result.
  const key =
    record.key === null
      ? undefined
      : bounded(record.key.subarray(0, MAX_LOGGED_CHARS * 4).toString('utf8'));
  const requestId = requestIdOf(record.value);
  return {
    ...(key !== undefined ? { key } : {}),
    ...(requestId !== undefined ? { requestId } : {}),
  };
}
