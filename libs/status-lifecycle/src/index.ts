export type { EpochMicros } from './lib/timestamp';
export {
  MAX_EPOCH_MICROS,
  MIN_EPOCH_MICROS,
  formatTimestamp,
  parseTimestamp,
} from './lib/timestamp';
export type {
  ParseOptions,
  ParseResult,
  RejectionReason,
  StatusMessage,
} from './lib/status-message';
export {
  FIELD_MAX_LENGTHS,
  MAX_MESSAGE_BYTES,
  REJECTION_REASONS,
  parseStatusMessage,
} from './lib/status-message';
export { statusFingerprint } from './lib/status-fingerprint';
export { DEAD_LETTER_HEADERS, STAND_IN_HEADERS } from './lib/dead-letter-headers';
export type { DurationReport, TimedStatus } from './lib/durations';
export {
  NO_SOURCE,
  computeDurations,
  durationReportToJson,
  formatDuration,
  groupKey,
} from './lib/durations';
export type { ClosedServiceSpan, PayloadStatus } from './lib/service-spans';
export { closedServiceSpans, payloadGroupKey } from './lib/service-spans';
export type { GroupState } from './lib/lifecycle';
export {
  FAILURE_STATUSES,
  GROUP_STATES,
  SPAN_CLOSING_STATUSES,
  classifyGroup,
  isSpanClosingStatus,
} from './lib/lifecycle';
export type { StatusLifecycleErrorCode } from './lib/status-lifecycle.error';
export { STATUS_LIFECYCLE_ERROR_CODES, StatusLifecycleError } from './lib/status-lifecycle.error';
export type {
  GroupSummary,
  OutcomeStatus,
  PayloadOutcome,
  PayloadState,
  StoredPayloadState,
} from './lib/outcome';
export {
  DEFAULT_STALLED_AFTER_MINUTES,
  PAYLOAD_STATES,
  SUCCESS_STATUSES,
  computeOutcome,
  isFailureStatus,
  payloadStateOf,
  visibleStateOf,
} from './lib/outcome';
export {
  DURATION_BIN_BOUNDS_MICROS,
  DURATION_BIN_COUNT,
  DURATION_BIN_RATIO,
  durationBinOf,
  durationBinValueMicros,
  histogramPercentileMicros,
} from './lib/duration-bins';
