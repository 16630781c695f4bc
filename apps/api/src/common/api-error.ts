/** Machine-readable codes of {@link ApiError}; the exception filter maps each one to HTTP. */
export const API_ERROR_CODES = {
  invalidParameter: 'invalid_parameter',
  payloadNotFound: 'payload_not_found',
  archiveNotFound: 'archive_not_found',
  identityMissing: 'identity_missing',
  identityInvalid: 'identity_invalid',
  roleMissing: 'role_missing',
  storageBrokerFailed: 'storage_broker_failed',
  notConfigured: 'not_configured',
  databaseUnavailable: 'database_unavailable',
  tooManyEventStreams: 'too_many_event_streams',
  shuttingDown: 'shutting_down',
} as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[keyof typeof API_ERROR_CODES];

/** A failure the API reports to its client; services throw it, never HTTP exceptions. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ApiError';
  }
}
