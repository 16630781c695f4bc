import type { IHeaders } from 'kafkajs';
import { DEAD_LETTER_HEADERS, STAND_IN_HEADERS } from '@payload-tracker/status-lifecycle';
import { findRequestId } from './find-request-id';

/** The parts of a consumed dead-letter record the view needs (kafkajs's `KafkaMessage` fits). */
export interface DeadLetterRecord {
  key: Buffer | null;
  value: Buffer | null;
  headers?: IHeaders;
  offset: string;
  timestamp: string;
}

/** One refused message, as the tail prints it. */
export interface DeadLetterView {
  /** When it reached the dead-letter topic (ISO 8601). */
  time: string;
  reason: string;
  detail: string;
  key: string | null;
  requestId: string | null;
  /** `topic/partition@offset` of the original message. */
  origin: string;
  /** Offset on the dead-letter topic. */
  offset: string;
  /**
   * Set when the letter is a stand-in for an original too large for the topic: the value is
   * cut short (the request id, when found, comes from what is left), the original's size and
   * digest are given.
   */
  truncated: { originalBytes: number; sha256: string } | null;
}

function header(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

/** Reads the contract's headers and the request id out of one dead-letter record. */
export function describeDeadLetter(record: DeadLetterRecord): DeadLetterView {
  const { headers } = record;
  const originalTopic = header(headers, DEAD_LETTER_HEADERS.originalTopic) ?? '?';
  const originalPartition = header(headers, DEAD_LETTER_HEADERS.originalPartition) ?? '?';
  const originalOffset = header(headers, DEAD_LETTER_HEADERS.originalOffset) ?? '?';
  const millis = Number(record.timestamp);
  return {
    time: Number.isFinite(millis) ? new Date(millis).toISOString() : record.timestamp,
    reason: header(headers, DEAD_LETTER_HEADERS.reason) ?? 'unknown',
    detail: header(headers, DEAD_LETTER_HEADERS.detail) ?? '',
    key: record.key === null ? null : record.key.toString(),
    requestId: findRequestId(record.value) ?? null,
    origin: `${originalTopic}/${originalPartition}@${originalOffset}`,
    offset: record.offset,
    truncated:
      header(headers, STAND_IN_HEADERS.valueTruncated) === 'true'
        ? {
            originalBytes: Number(header(headers, STAND_IN_HEADERS.originalValueBytes) ?? NaN),
            sha256: header(headers, STAND_IN_HEADERS.originalValueSha256) ?? '?',
          }
        : null,
  };
}

/** One line per letter: reason, request id and key first, the free-text detail last. */
export function formatDeadLetter(view: DeadLetterView): string {
  return [
    view.time,
    `reason=${view.reason}`,
    `request_id=${view.requestId ?? '-'}`,
    `key=${view.key ?? '-'}`,
    `from=${view.origin}`,
    ...(view.truncated === null
      ? []
      : [`truncated=${view.truncated.originalBytes}B sha256=${view.truncated.sha256}`]),
    `detail=${JSON.stringify(view.detail)}`,
  ].join('  ');
}
