import { createHash } from 'node:crypto';

import type { IHeaders, Message } from 'kafkajs';

import { DEAD_LETTER_HEADERS, STAND_IN_HEADERS } from '@payload-tracker/status-lifecycle';
import type { RejectionReason } from '@payload-tracker/status-lifecycle';

/** A refused message with where it came from and why. */
export interface DeadLetter {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders | undefined;
  reason: RejectionReason;
  detail: string;
}

/** Most bytes of the original value a stand-in keeps (enough for its `request_id` and `service`). */
export const STAND_IN_VALUE_PREFIX_BYTES = 1024;

/**
 * How a letter is written, from the whole original to the smallest stand-in; each form is
 * tried when the previous one does not fit:
 * - `original`: the original key, value and headers plus the contract's headers;
 * - `value-prefix`: a stand-in with the first {@link STAND_IN_VALUE_PREFIX_BYTES} of the value;
 * - `no-value`: a stand-in with an empty value;
 * - `no-original-headers`: a stand-in with an empty value and without the original's headers.
 */
export const DEAD_LETTER_FORMS = [
  'original',
  'value-prefix',
  'no-value',
  'no-original-headers',
] as const;
export type DeadLetterForm = (typeof DEAD_LETTER_FORMS)[number];

/**
 * Bytes a produce request spends besides its records, counted once per request: the record
 * batch header (61 bytes) and the request's framing (client id, topic name up to 249
 * characters, partition), rounded up.
 */
export const REQUEST_OVERHEAD_BYTES = 512;

/**
 * Bytes of a record besides its key, value and headers, at their widest: length, attributes,
 * timestamp and offset deltas, key and value lengths, header count (varints).
 */
const RECORD_OVERHEAD_BYTES = 40;

/** Bytes of a header besides its name and value: the two lengths (varints, at their widest). */
const HEADER_OVERHEAD_BYTES = 10;

/** A letter as it is about to be sent: its form, the Kafka message, and its estimated size. */
export interface OutgoingDeadLetter {
  readonly letter: DeadLetter;
  readonly form: DeadLetterForm;
  readonly message: Message;
  /** An upper bound of the bytes the record takes in a record batch. */
  readonly bytes: number;
}

function byteLength(value: Buffer | string | null | undefined): number {
  if (value === null || value === undefined) {
    return 0;
  }
  return typeof value === 'string' ? Buffer.byteLength(value) : value.length;
}

/** An upper bound of the bytes `message` takes in an uncompressed record batch. */
export function estimatedRecordBytes(message: Pick<Message, 'key' | 'value' | 'headers'>): number {
  let bytes = RECORD_OVERHEAD_BYTES + byteLength(message.key) + byteLength(message.value);
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    const values = Array.isArray(value) ? value : [value];
    for (const one of values) {
      bytes += HEADER_OVERHEAD_BYTES + Buffer.byteLength(name) + byteLength(one);
    }
  }
  return bytes;
}

function contractHeaders(letter: DeadLetter): IHeaders {
  return {
    [DEAD_LETTER_HEADERS.reason]: letter.reason,
    [DEAD_LETTER_HEADERS.detail]: letter.detail,
    [DEAD_LETTER_HEADERS.originalTopic]: letter.topic,
    [DEAD_LETTER_HEADERS.originalPartition]: String(letter.partition),
    [DEAD_LETTER_HEADERS.originalOffset]: letter.offset,
  };
}

function standInValue(value: Buffer | null, form: DeadLetterForm): Buffer {
  return form === 'value-prefix' && value !== null
    ? value.subarray(0, STAND_IN_VALUE_PREFIX_BYTES)
    : Buffer.alloc(0);
}

/** The Kafka message of `letter` written in `form`. */
export function deadLetterMessage(letter: DeadLetter, form: DeadLetterForm): OutgoingDeadLetter {
  let message: Message;
  if (form === 'original') {
    message = {
      key: letter.key,
      value: letter.value,
      headers: { ...letter.headers, ...contractHeaders(letter) },
    };
  } else {
    const original = letter.value ?? Buffer.alloc(0);
    const keepsHeaders = form !== 'no-original-headers';
    message = {
      key: letter.key,
      value: standInValue(letter.value, form),
      headers: {
        ...(keepsHeaders ? letter.headers : {}),
        ...contractHeaders(letter),
        [STAND_IN_HEADERS.valueTruncated]: 'true',
        [STAND_IN_HEADERS.originalValueBytes]: String(original.length),
        [STAND_IN_HEADERS.originalValueSha256]: createHash('sha256').update(original).digest('hex'),
        ...(keepsHeaders ? {} : { [STAND_IN_HEADERS.originalHeadersDropped]: 'true' }),
      },
    };
  }
  return { letter, form, message, bytes: estimatedRecordBytes(message) };
}

/** The next smaller form of a letter; undefined when it is already the smallest. */
export function smallerDeadLetter(outgoing: OutgoingDeadLetter): OutgoingDeadLetter | undefined {
  const next = DEAD_LETTER_FORMS[DEAD_LETTER_FORMS.indexOf(outgoing.form) + 1];
  return next === undefined ? undefined : deadLetterMessage(outgoing.letter, next);
}

/**
 * `letter` in the first form that fits a request of `maxRequestBytes` on its own (the
 * smallest form when none does: the broker has the last word).
 */
export function fittedDeadLetter(letter: DeadLetter, maxRequestBytes: number): OutgoingDeadLetter {
  let outgoing = deadLetterMessage(letter, 'original');
  for (;;) {
    if (outgoing.bytes + REQUEST_OVERHEAD_BYTES <= maxRequestBytes) {
      return outgoing;
    }
    const smaller = smallerDeadLetter(outgoing);
    if (smaller === undefined) {
      return outgoing;
    }
    outgoing = smaller;
  }
}

/**
 * Consecutive runs of `letters`, in order, each of at most `maxRequestBytes` with the request
 * overhead (a letter larger than that on its own is a request of its own).
 */
export function packDeadLetters(
  letters: readonly OutgoingDeadLetter[],
  maxRequestBytes: number,
): OutgoingDeadLetter[][] {
  const requests: OutgoingDeadLetter[][] = [];
  let current: OutgoingDeadLetter[] = [];
  let bytes = REQUEST_OVERHEAD_BYTES;
  for (const letter of letters) {
    if (current.length > 0 && bytes + letter.bytes > maxRequestBytes) {
      requests.push(current);
      current = [];
      bytes = REQUEST_OVERHEAD_BYTES;
    }
    current.push(letter);
    bytes += letter.bytes;
  }
  if (current.length > 0) {
    requests.push(current);
  }
  return requests;
}
