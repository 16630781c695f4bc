import { groupKey } from './durations';
import { FAILURE_STATUSES, GROUP_STATES, classifyGroup } from './lifecycle';
import type { GroupState } from './lifecycle';
import type { EpochMicros } from './timestamp';

/** What one payload's groups say about it, as stored (`stalled` is decided when read). */
export const PAYLOAD_STATES = {
  failed: 'failed',
  succeeded: 'succeeded',
  inProgress: 'in_progress',
  stalled: 'stalled',
} as const;

/** One of {@link PAYLOAD_STATES}. */
export type PayloadState = (typeof PAYLOAD_STATES)[keyof typeof PAYLOAD_STATES];

/** The states a payload is stored with: `stalled` is `in_progress` seen late. */
export type StoredPayloadState = Exclude<PayloadState, 'stalled'>;

/** Statuses that mark a group as succeeded when none of its statuses is a failure. */
export const SUCCESS_STATUSES: readonly string[] = ['success'];

/** Default of `STALLED_AFTER_MINUTES`: an unfinished payload silent this long is stalled. */
export const DEFAULT_STALLED_AFTER_MINUTES = 60;

/**
 * The state of a payload from the states of its groups: failed if any group failed; else
 * succeeded if every group succeeded; else in progress. No groups: in progress.
 */
export function payloadStateOf(groupStates: readonly GroupState[]): StoredPayloadState {
  if (groupStates.includes(GROUP_STATES.failed)) {
    return PAYLOAD_STATES.failed;
  }
  if (groupStates.length > 0 && groupStates.every((state) => state === GROUP_STATES.succeeded)) {
    return PAYLOAD_STATES.succeeded;
  }
  return PAYLOAD_STATES.inProgress;
}

/**
 * The state a reader sees: a stored `in_progress` whose latest status is older than the
 * stalled threshold is `stalled`.
 *
 * @param now - the reader's clock (the database's, in the api)
 * @param stalledAfterMicros - `STALLED_AFTER_MINUTES` in microseconds
 */
export function visibleStateOf(
  stored: StoredPayloadState,
  lastStatusAt: EpochMicros,
  now: EpochMicros,
  stalledAfterMicros: bigint,
): PayloadState {
  if (stored === PAYLOAD_STATES.inProgress && lastStatusAt < now - stalledAfterMicros) {
    return PAYLOAD_STATES.stalled;
  }
  return stored;
}

/** A stored status as the outcome needs it: `id` is its row id, the tie-breaker. */
export interface OutcomeStatus {
  id: bigint;
  service: string;
  source: string | null;
  status: string;
  statusMsg: string | null;
  date: EpochMicros;
}

/** One `service:source` group of a payload, summarised. */
export interface GroupSummary {
  service: string;
  source: string | null;
  state: GroupState;
  firstAt: EpochMicros;
  lastAt: EpochMicros;
  statusCount: number;
}

/** The outcome of one payload, as `outcomes.md` defines it. */
export interface PayloadOutcome {
  state: StoredPayloadState;
  statusCount: number;
  last: OutcomeStatus;
  /** The earliest failing status (by date, then id), when `state` is `failed`. */
  failure: OutcomeStatus | null;
  /** Ordered by first date, then by `service:source`. */
  groups: GroupSummary[];
}

function isLater(a: OutcomeStatus, b: OutcomeStatus): boolean {
  return a.date !== b.date ? a.date > b.date : a.id > b.id;
}

/** Whether a status name is one of {@link FAILURE_STATUSES} (case and spaces ignored). */
export function isFailureStatus(status: string): boolean {
  return FAILURE_STATUSES.includes(status.trim().toLowerCase());
}

/**
 * Recomputes a payload's outcome from all its stored statuses (any order): the reference the
 * ingester's set-based SQL must agree with. Statuses with the same `id` count once.
 *
 * @returns `null` for no statuses
 */
export function computeOutcome(statuses: readonly OutcomeStatus[]): PayloadOutcome | null {
  const unique = [...new Map(statuses.map((status) => [status.id, status])).values()];
  const [first] = unique;
  if (first === undefined) {
    return null;
  }
  const groups = new Map<string, [OutcomeStatus, ...OutcomeStatus[]]>();
  let last = first;
  let failure: OutcomeStatus | null = null;
  for (const status of unique) {
    const key = groupKey(status.service, status.source);
    const members = groups.get(key);
    if (members === undefined) {
      groups.set(key, [status]);
    } else {
      members.push(status);
    }
    if (isLater(status, last)) {
      last = status;
    }
    if (isFailureStatus(status.status) && (failure === null || isLater(failure, status))) {
      failure = status;
    }
  }
  const summaries = [...groups.entries()]
    .map(([key, members]) => {
      const dates = members.map((member) => member.date);
      const summary: GroupSummary = {
        service: members[0].service,
        source: members[0].source,
        state: classifyGroup(members.map((member) => member.status)),
        firstAt: dates.reduce((a, b) => (b < a ? b : a)),
        lastAt: dates.reduce((a, b) => (b > a ? b : a)),
        statusCount: members.length,
      };
      return { key, summary };
    })
    .sort((a, b) =>
      a.summary.firstAt !== b.summary.firstAt
        ? a.summary.firstAt < b.summary.firstAt
          ? -1
          : 1
        : a.key < b.key
          ? -1
          : a.key > b.key
            ? 1
            : 0,
    )
    .map(({ summary }) => summary);
  const state = payloadStateOf(summaries.map((summary) => summary.state));
  return {
    state,
    statusCount: unique.length,
    last,
    failure: state === PAYLOAD_STATES.failed ? failure : null,
    groups: summaries,
  };
}
