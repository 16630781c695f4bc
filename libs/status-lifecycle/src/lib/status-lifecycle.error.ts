/** Machine-readable codes of {@link StatusLifecycleError}. */
export const STATUS_LIFECYCLE_ERROR_CODES = {
  invalidParseOptions: 'invalid_parse_options',
  timestampOutOfRange: 'timestamp_out_of_range',
} as const;

/** One of {@link STATUS_LIFECYCLE_ERROR_CODES}. */
export type StatusLifecycleErrorCode =
  (typeof STATUS_LIFECYCLE_ERROR_CODES)[keyof typeof STATUS_LIFECYCLE_ERROR_CODES];

/**
 * A programming or configuration mistake detected by the domain library (never a bad message:
 * those are returned as rejections, not thrown).
 */
export class StatusLifecycleError extends Error {
  constructor(
    readonly code: StatusLifecycleErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StatusLifecycleError';
  }
}
