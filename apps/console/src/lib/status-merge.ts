import type { PayloadStatuses, StatusEvent, StatusRow } from './api-types';

/** The highest status id of a payload: where its event stream resumes. */
export function lastStatusId(rows: readonly StatusRow[]): number | undefined {
  let last: number | undefined;
  for (const row of rows) {
    if (last === undefined || row.id > last) last = row.id;
  }
  return last;
}

/**
 * A payload's statuses with one event applied: its row added (once: a replayed event changes
 * nothing) and its summary taking the place of the old one.
 */
export function applyStatusEvent(payload: PayloadStatuses, event: StatusEvent): PayloadStatuses {
  const { summary, ...row } = event;
  const isKnown = payload.data.some((existing) => existing.id === row.id);
  return {
    ...payload,
    data: isKnown ? payload.data : [row, ...payload.data],
    summary,
  };
}

/**
 * A fresh load merged into what the page shows, closing the gap between the first load and the
 * stream's start: every row of either, once. The fresh summary and durations win unless the page
 * already shows a row the load lacks (an event that came in after the load was read): then the
 * page's summary is the newer one and stays.
 */
export function mergeStatuses(shown: PayloadStatuses, fresh: PayloadStatuses): PayloadStatuses {
  const freshIds = new Set(fresh.data.map((row) => row.id));
  const newer = shown.data.filter((row) => !freshIds.has(row.id));
  if (newer.length === 0) {
    return fresh;
  }
  return { ...shown, data: [...newer, ...fresh.data] };
}
