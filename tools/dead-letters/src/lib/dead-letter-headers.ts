/**
 * Header names of the dead-letter contract, as the ingester writes them
 * (apps/ingester/src/dead-letter/dead-letter.publisher.ts, `DEAD_LETTER_HEADERS`). A tool may not
 * import an app, so they are repeated here; the integration test writes letters the same way.
 */
export const DEAD_LETTER_HEADERS = {
  reason: 'x-error-reason',
  detail: 'x-error-detail',
  originalTopic: 'x-original-topic',
  originalPartition: 'x-original-partition',
  originalOffset: 'x-original-offset',
} as const;

/**
 * Headers of a stand-in: what the ingester sends instead of a letter too large for the
 * dead-letter topic (`STAND_IN_HEADERS` in apps/ingester/src/dead-letter/dead-letter-message.ts).
 */
export const STAND_IN_HEADERS = {
  valueTruncated: 'x-value-truncated',
  originalValueBytes: 'x-original-value-bytes',
  originalValueSha256: 'x-original-value-sha256',
  originalHeadersDropped: 'x-original-headers-dropped',
} as const;
