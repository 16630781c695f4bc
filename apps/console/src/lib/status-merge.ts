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
 * A fresh load merged into what the page shows: every row of either (fresh rows win), and the
 * fresh summary. Closes the gap between the first load and the stream's start.
 */
export function mergeStatuses(shown: PayloadStatuses, fresh: PayloadStatuses): PayloadStatuses {
  const freshIds = new Set(fresh.data.map((row) => row.id));
  return {
    ...fresh,
    data: [...fresh.data, ...shown.data.filter((row) => !freshIds.has(row.id))],
  };
}
