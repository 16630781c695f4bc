import { groupKey, parseTimestamp } from '@payload-tracker/status-lifecycle';
import type { GroupState } from '@payload-tracker/status-lifecycle';

import { formatHumanDuration, parseApiDuration } from './human-duration';

/** The fields of a group the timeline draws (a `summary.groups` entry). */
export interface TimelineGroup {
  readonly service: string;
  readonly source?: string;
  readonly state: GroupState;
  readonly first_at: string;
  readonly last_at: string;
  readonly duration: string;
}

/** The fields of a status the timeline marks. */
export interface TimelineStatus {
  readonly id: number;
  readonly service: string;
  readonly source?: string;
  readonly status: string;
  readonly date: string;
}

/** A status on its group's row. */
export interface TimelineMark {
  readonly id: number;
  readonly status: string;
  readonly date: string;
  /** From the left of the axis, 0..100. */
  readonly leftPercent: number;
}

/** One `service:source` group: its bar and its marks. */
export interface TimelineRow {
  readonly key: string;
  readonly service: string;
  readonly source?: string;
  readonly state: GroupState;
  readonly startPercent: number;
  readonly widthPercent: number;
  readonly duration: string;
  readonly durationForPeople: string;
  readonly marks: readonly TimelineMark[];
}

/** A labelled point of the shared axis. */
export interface TimelineTick {
  readonly percent: number;
  /** Time since the axis start, for people (`+5.6 s`). */
  readonly label: string;
}

/** The shared time axis and one row per group. */
export interface Timeline {
  readonly start?: string;
  readonly end?: string;
  /** Microseconds from the first to the last status. */
  readonly spanMicros: bigint;
  readonly rows: readonly TimelineRow[];
  readonly ticks: readonly TimelineTick[];
}

/** A bar never gets thinner than this (a group with one status is still seen). */
export const MIN_BAR_PERCENT = 0.8;

const TICK_COUNT = 4;

function percentOf(offset: bigint, span: bigint): number {
  if (span <= 0n) {
    return 0;
  }
  const percent = (Number(offset) / Number(span)) * 100;
  return Math.min(100, Math.max(0, percent));
}

function micros(text: string): bigint | null {
  return parseTimestamp(text);
}

/**
 * Lays out a payload's groups on one time axis, from its earliest group start to its latest
 * group end: per group a bar (start and width in percent of the axis, at least
 * {@link MIN_BAR_PERCENT} wide and kept inside it) and a mark per status of the group; ticks
 * at even fifths of the axis, labelled with the time since its start. Groups keep their order
 * (the API sends them by first status); timestamps that do not parse are left out.
 */
export function buildTimeline(
  groups: readonly TimelineGroup[],
  statuses: readonly TimelineStatus[],
): Timeline {
  const timed = groups.flatMap((group) => {
    const first = micros(group.first_at);
    const last = micros(group.last_at);
    return first === null || last === null ? [] : [{ group, first, last }];
  });
  const [head] = timed;
  if (head === undefined) {
    return { spanMicros: 0n, rows: [], ticks: [] };
  }
  let start = head;
  let end = head;
  for (const entry of timed) {
    if (entry.first < start.first) start = entry;
    if (entry.last > end.last) end = entry;
  }
  const axisStart = start.first;
  const span = end.last - axisStart;

  const statusesByGroup = new Map<string, TimelineStatus[]>();
  for (const status of statuses) {
    const key = groupKey(status.service, status.source ?? null);
    statusesByGroup.set(key, [...(statusesByGroup.get(key) ?? []), status]);
  }

  const rows = timed.map(({ group, first, last }): TimelineRow => {
    const key = groupKey(group.service, group.source ?? null);
    const width = Math.max(MIN_BAR_PERCENT, percentOf(last - first, span));
    const startPercent = Math.min(percentOf(first - axisStart, span), 100 - width);
    const marks = (statusesByGroup.get(key) ?? []).flatMap((status) => {
      const date = micros(status.date);
      return date === null
        ? []
        : [
            {
              id: status.id,
              status: status.status,
              date: status.date,
              leftPercent: percentOf(date - axisStart, span),
            },
          ];
    });
    marks.sort((a, b) => a.leftPercent - b.leftPercent || a.id - b.id);
    const duration = parseApiDuration(group.duration) ?? last - first;
    return {
      key,
      service: group.service,
      source: group.source,
      state: group.state,
      startPercent,
      widthPercent: width,
      duration: group.duration,
      durationForPeople: formatHumanDuration(duration),
      marks,
    };
  });

  const ticks =
    span <= 0n
      ? [{ percent: 0, label: '0 s' }]
      : Array.from({ length: TICK_COUNT + 1 }, (_, index) => {
          const offset = (span * BigInt(index)) / BigInt(TICK_COUNT);
          return {
            percent: (index * 100) / TICK_COUNT,
            label: index === 0 ? '0 s' : `+${formatHumanDuration(offset)}`,
          };
        });
  return { start: start.group.first_at, end: end.group.last_at, spanMicros: span, rows, ticks };
}
