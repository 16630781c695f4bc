/**
 * Header names of the dead-letter contract (message contract, "Invalid message"): what the
 * ingester writes on every refused message and what the tools that read the topic look for.
 */
export const DEAD_LETTER_HEADERS = {
  reason: 'x-error-reason',
  detail: 'x-error-detail',
  originalTopic: 'x-original-topic',
  originalPartition: 'x-original-partition',
  originalOffset: 'x-original-offset',
} as const;

/** Headers a stand-in adds: it replaces a letter too large for the dead-letter topic. */
export const STAND_IN_HEADERS = {
  valueTruncated: 'x-value-truncated',
  originalValueBytes: 'x-original-value-bytes',
  originalValueSha256: 'x-original-value-sha256',
  originalHeadersDropped: 'x-original-headers-dropped',
} as const;
