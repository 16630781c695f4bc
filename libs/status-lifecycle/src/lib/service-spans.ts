import { groupKey } from './durations';
import { isSpanClosingStatus } from './lifecycle';
import type { EpochMicros } from './timestamp';

/** A status of one payload, as the span rules need it. */
export interface PayloadStatus {
  requestId: string;
  service: string;
  source: string | null;
  status: string;
  date: EpochMicros;
}

/** The span of a service for a payload, closed by a `success` or `error`. */
export interface ClosedServiceSpan {
  service: string;
  source: string | null;
  status: string;
  /** From the group's earliest status to the closing one (never negative). */
  micros: bigint;
}

/**
 * Key of one payload's `service:source` group, for maps of group starts.
 *
 * @returns `<request_id> <service>:<source>` (a request id holds no space)
 */
export function payloadGroupKey(requestId: string, service: string, source: string | null): string {
  return `${requestId} ${groupKey(service, source)}`;
}

/**
 * The spans that newly stored statuses close: for each stored `success` or `error`, from the
 * earliest status of its payload's group to it, as the durations of the API measure them. The
 * earliest status is the earliest among the batch and the group's statuses stored before it.
 *
 * @param batch - every status of the batch, stored now or before (duplicates included)
 * @param stored - the statuses the batch stored (the ones whose spans are reported)
 * @param earlierStarts - earliest stored date per {@link payloadGroupKey}, for groups that
 *   existed before the batch; groups absent here start in the batch
 */
export function closedServiceSpans(
  batch: readonly PayloadStatus[],
  stored: readonly PayloadStatus[],
  earlierStarts: ReadonlyMap<string, EpochMicros> = new Map(),
): ClosedServiceSpan[] {
  const closing = stored.filter((status) => isSpanClosingStatus(status.status));
  if (closing.length === 0) {
    return [];
  }
  const starts = new Map(earlierStarts);
  for (const status of batch) {
    const key = payloadGroupKey(status.requestId, status.service, status.source);
    const start = starts.get(key);
    if (start === undefined || status.date < start) {
      starts.set(key, status.date);
    }
  }
  return closing.map((status) => {
    const start =
      starts.get(payloadGroupKey(status.requestId, status.service, status.source)) ?? status.date;
    return {
      service: status.service,
      source: status.source,
      status: status.status,
      micros: status.date > start ? status.date - start : 0n,
    };
  });
}
