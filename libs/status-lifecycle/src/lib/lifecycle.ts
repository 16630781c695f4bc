/** What a `service:source` group's statuses say about its stage. */
export const GROUP_STATES = {
  succeeded: 'succeeded',
  failed: 'failed',
  inProgress: 'in_progress',
} as const;

/** One of {@link GROUP_STATES}. */
export type GroupState = (typeof GROUP_STATES)[keyof typeof GROUP_STATES];

/** Statuses that mark a group as failed; a failure outranks any success in the same group. */
export const FAILURE_STATUSES: readonly string[] = ['error', 'failed', 'processing_error'];

/** Statuses that close the span of a service (its `received` opens it). */
export const SPAN_CLOSING_STATUSES: readonly string[] = ['success', 'error'];

function normalise(status: string): string {
  return status.trim().toLowerCase();
}

/**
 * Classifies a group from its statuses (any order): failed if any is `error`, `failed` or
 * `processing_error`; otherwise succeeded if any is `success`; otherwise in progress.
 */
export function classifyGroup(statuses: readonly string[]): GroupState {
  const names = statuses.map(normalise);
  if (names.some((name) => FAILURE_STATUSES.includes(name))) {
    return GROUP_STATES.failed;
  }
  if (names.includes('success')) {
    return GROUP_STATES.succeeded;
  }
  return GROUP_STATES.inProgress;
}

/** Whether a status ends a service's span (`success` or `error`). */
export function isSpanClosingStatus(status: string): boolean {
  return SPAN_CLOSING_STATUSES.includes(normalise(status));
}
