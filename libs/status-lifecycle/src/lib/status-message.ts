import { STATUS_LIFECYCLE_ERROR_CODES, StatusLifecycleError } from './status-lifecycle.error';
import type { EpochMicros } from './timestamp';
import { parseTimestamp } from './timestamp';

/** Why a message was refused; sent as the dead-letter header `x-error-reason` and as a metric label. */
export const REJECTION_REASONS = [
  'invalid_json',
  'not_an_object',
  'missing_field',
  'invalid_field',
  'invalid_date',
  'invalid_request_id',
  'field_too_long',
  'message_too_large',
  'invalid_encoding',
  'empty_message',
] as const;

/** One of {@link REJECTION_REASONS}. */
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** A valid status message, normalised; instants in epoch microseconds. */
export interface StatusMessage {
  requestId: string;
  service: string;
  status: string;
  source: string | null;
  date: EpochMicros;
  account: string | null;
  orgId: string | null;
  inventoryId: string | null;
  systemId: string | null;
  statusMsg: string | null;
}

/** Deployment-specific rules for {@link parseStatusMessage}. */
export interface ParseOptions {
  /** Exact length `request_id` must have (`VALIDATE_REQUEST_ID_LENGTH`); 0 = no exact-length rule. */
  requestIdLength: number;
}

/** Outcome of {@link parseStatusMessage}: a message, or a reason code and human detail. */
export type ParseResult =
  { ok: true; message: StatusMessage } | { ok: false; reason: RejectionReason; detail: string };

/** Longest value, in characters (Unicode code points, as PostgreSQL's varchar counts), of each stored column. */
export const FIELD_MAX_LENGTHS = {
  requestId: 255,
  name: 255,
  id: 255,
  statusMsg: 4096,
} as const;

/** Largest Kafka message value accepted, in bytes (1 MiB). */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

/** Internal control flow: thrown by the field rules, turned into a `ParseResult` at the top. */
class Rejection extends Error {
  constructor(
    readonly reason: RejectionReason,
    readonly detail: string,
  ) {
    super(detail);
  }
}

type JsonObject = Record<string, unknown>;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) {
    length += 1;
  }
  return length;
}

function fieldValue(object: JsonObject, field: string): unknown {
  return Object.hasOwn(object, field) ? object[field] : undefined;
}

function describeType(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  return Array.isArray(value) ? 'array' : typeof value;
}

/** PostgreSQL text cannot hold NUL or unpaired surrogates: refuse them here rather than fail the batch later. */
function assertStorable(field: string, value: string): void {
  if (value.includes('\u0000')) {
    throw new Rejection('invalid_field', `field "${field}" contains a NUL character`);
  }
  if (LONE_SURROGATE.test(value)) {
    throw new Rejection(
      'invalid_encoding',
      `field "${field}" contains an unpaired UTF-16 surrogate`,
    );
  }
}

function assertMaxLength(field: string, value: string, max: number): void {
  const length = codePointLength(value);
  if (length > max) {
    throw new Rejection(
      'field_too_long',
      `field "${field}" is ${length.toString()} characters long, the maximum is ${max.toString()}`,
    );
  }
}

function requiredString(object: JsonObject, field: string): string {
  const value = fieldValue(object, field);
  if (value === undefined || value === null) {
    throw new Rejection('missing_field', `field "${field}" is required`);
  }
  if (typeof value !== 'string') {
    throw new Rejection(
      'invalid_field',
      `field "${field}" must be a string, got ${describeType(value)}`,
    );
  }
  const trimmed = value.trim();
  if (trimmed === '') {
    throw new Rejection('missing_field', `field "${field}" is required and must not be empty`);
  }
  assertStorable(field, trimmed);
  return trimmed;
}

function requiredName(object: JsonObject, field: string): string {
  const name = requiredString(object, field).toLowerCase();
  assertMaxLength(field, name, FIELD_MAX_LENGTHS.name);
  return name;
}

function optionalString(object: JsonObject, field: string): string | null {
  const value = fieldValue(object, field);
  if (value === undefined || value === null) {
    return null;
  }
  if (typeof value !== 'string') {
    throw new Rejection(
      'invalid_field',
      `field "${field}" must be a string, got ${describeType(value)}`,
    );
  }
  assertStorable(field, value);
  return value;
}

function optionalName(object: JsonObject, field: string): string | null {
  const name = optionalString(object, field)?.trim().toLowerCase() ?? '';
  if (name === '') {
    return null;
  }
  assertMaxLength(field, name, FIELD_MAX_LENGTHS.name);
  return name;
}

function optionalId(object: JsonObject, field: string): string | null {
  const value = fieldValue(object, field);
  let id: string;
  if (typeof value === 'number') {
    // Producers send numeric accounts; only exact, non-negative integers have one decimal spelling.
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new Rejection(
        'invalid_field',
        `field "${field}" must be a string or a non-negative safe integer, got ${value.toString()}`,
      );
    }
    id = value.toString();
  } else {
    id = optionalString(object, field)?.trim() ?? '';
  }
  if (id === '') {
    return null;
  }
  assertMaxLength(field, id, FIELD_MAX_LENGTHS.id);
  return id;
}

function parseRequestId(object: JsonObject, requestIdLength: number): string {
  const requestId = requiredString(object, 'request_id');
  const length = codePointLength(requestId);
  if (length > FIELD_MAX_LENGTHS.requestId) {
    throw new Rejection(
      'invalid_request_id',
      `field "request_id" is ${length.toString()} characters long, the maximum is ${FIELD_MAX_LENGTHS.requestId.toString()}`,
    );
  }
  if (requestIdLength !== 0 && length !== requestIdLength) {
    throw new Rejection(
      'invalid_request_id',
      `field "request_id" must be ${requestIdLength.toString()} characters long, got ${length.toString()}`,
    );
  }
  return requestId;
}

function parseDate(object: JsonObject): EpochMicros {
  const value = fieldValue(object, 'date');
  if (typeof value === 'number') {
    // The contract names epoch numbers as an invalid date, so the reason says "date", not "type".
    throw new Rejection(
      'invalid_date',
      `field "date" must be an ISO 8601 / RFC 3339 timestamp, epoch numbers are not accepted`,
    );
  }
  const text = requiredString(object, 'date');
  const date = parseTimestamp(text);
  if (date === null) {
    throw new Rejection(
      'invalid_date',
      `field "date" is not an ISO 8601 / RFC 3339 timestamp: ${JSON.stringify(text.slice(0, 64))}`,
    );
  }
  return date;
}

function parseStatusMsg(object: JsonObject): string | null {
  const statusMsg = optionalString(object, 'status_msg');
  if (statusMsg === null || statusMsg === '') {
    return null;
  }
  assertMaxLength('status_msg', statusMsg, FIELD_MAX_LENGTHS.statusMsg);
  return statusMsg;
}

function assertValidOptions(options: ParseOptions): void {
  const { requestIdLength } = options;
  if (
    !Number.isInteger(requestIdLength) ||
    requestIdLength < 0 ||
    requestIdLength > FIELD_MAX_LENGTHS.requestId
  ) {
    throw new StatusLifecycleError(
      STATUS_LIFECYCLE_ERROR_CODES.invalidParseOptions,
      `requestIdLength must be an integer from 0 to ${FIELD_MAX_LENGTHS.requestId.toString()}, got ${String(requestIdLength)}`,
    );
  }
}

function decodeObject(value: Uint8Array | null): JsonObject {
  if (value === null || value.byteLength === 0) {
    throw new Rejection('empty_message', 'the message has no value');
  }
  if (value.byteLength > MAX_MESSAGE_BYTES) {
    throw new Rejection(
      'message_too_large',
      `the message is ${value.byteLength.toString()} bytes, the maximum is ${MAX_MESSAGE_BYTES.toString()}`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(value);
  } catch (error: unknown) {
    throw new Rejection('invalid_encoding', `the message is not valid UTF-8 (${String(error)})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error: unknown) {
    throw new Rejection(
      'invalid_json',
      `the message is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Rejection(
      'not_an_object',
      `the message must be a JSON object, got ${describeType(parsed)}`,
    );
  }
  return parsed as JsonObject;
}

/**
 * Turns a Kafka message value into a normalised {@link StatusMessage}, or a rejection with a
 * {@link RejectionReason} and a human detail. Never throws for a bad message (the ingester
 * dead-letters rejections and moves on).
 *
 * Rules (see the message contract): value at most 1 MiB of UTF-8 JSON holding an object;
 * `service`, `request_id`, `status`, `date` required (non-empty after trim); `service`,
 * `status`, `source` trimmed and lower-cased, empty `source` = none; optional ids trimmed,
 * empty = none, non-negative safe integers turned into decimal strings; `status_msg` kept as
 * given, empty = none; unknown fields ignored.
 *
 * @throws StatusLifecycleError `invalid_parse_options` when `options` is out of range (a
 * configuration mistake, not a message problem).
 */
export function parseStatusMessage(value: Uint8Array | null, options: ParseOptions): ParseResult {
  assertValidOptions(options);
  try {
    const object = decodeObject(value);
    const service = requiredName(object, 'service');
    const requestId = parseRequestId(object, options.requestIdLength);
    const status = requiredName(object, 'status');
    const date = parseDate(object);
    const message: StatusMessage = {
      requestId,
      service,
      status,
      source: optionalName(object, 'source'),
      date,
      account: optionalId(object, 'account'),
      orgId: optionalId(object, 'org_id'),
      inventoryId: optionalId(object, 'inventory_id'),
      systemId: optionalId(object, 'system_id'),
      statusMsg: parseStatusMsg(object),
    };
    return { ok: true, message };
  } catch (error: unknown) {
    if (error instanceof Rejection) {
      return { ok: false, reason: error.reason, detail: error.detail };
    }
    throw error;
  }
}
