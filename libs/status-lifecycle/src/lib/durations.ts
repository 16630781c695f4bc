import type { EpochMicros } from './timestamp';

/** The fields of a stored status that durations need. */
export interface TimedStatus {
  service: string;
  source: string | null;
  status: string;
  date: EpochMicros;
}

/** Durations of one payload, in microseconds. */
export interface DurationReport {
  /** Span (latest − earliest date) per `service:source` group, ordered by the group's first date. */
  groups: ReadonlyMap<string, bigint>;
  /** Sum of the group spans. */
  totalTimeInServices: bigint;
  /** Span over all statuses of the payload. */
  totalTime: bigint;
}

const MICROS_PER_SECOND = 1_000_000n;

/**
 * How a missing source is spelled wherever a group is named: in the API's duration keys
 * (`ingress:undefined`, the historical spelling) and in metric labels.
 */
export const NO_SOURCE = 'undefined';

/** Key of a duration group, e.g. `ingress:undefined` when the status had no source. */
export function groupKey(service: string, source: string | null): string {
  return `${service}:${source ?? NO_SOURCE}`;
}

interface GroupRange {
  earliest: bigint;
  latest: bigint;
}

function widen(range: GroupRange | undefined, date: bigint): GroupRange {
  if (range === undefined) {
    return { earliest: date, latest: date };
  }
  return {
    earliest: date < range.earliest ? date : range.earliest,
    latest: date > range.latest ? date : range.latest,
  };
}

/**
 * Computes a payload's durations from its statuses, in any order: per `service:source` group
 * the span between its earliest and latest date, their sum, and the overall span. No statuses
 * give an empty report with zero totals.
 */
export function computeDurations(statuses: readonly TimedStatus[]): DurationReport {
  const ranges = new Map<string, GroupRange>();
  let overall: GroupRange | undefined;
  for (const status of statuses) {
    const key = groupKey(status.service, status.source);
    ranges.set(key, widen(ranges.get(key), status.date));
    overall = widen(overall, status.date);
  }
  // A stable order (first seen in time, then by name) keeps the JSON identical whatever the query's sort.
  const ordered = [...ranges.entries()].sort(([keyA, a], [keyB, b]) => {
    if (a.earliest !== b.earliest) {
      return a.earliest < b.earliest ? -1 : 1;
    }
    return keyA < keyB ? -1 : keyA > keyB ? 1 : 0;
  });
  const groups = new Map<string, bigint>();
  let totalTimeInServices = 0n;
  for (const [key, range] of ordered) {
    const span = range.latest - range.earliest;
    groups.set(key, span);
    totalTimeInServices += span;
  }
  const totalTime = overall === undefined ? 0n : overall.latest - overall.earliest;
  return { groups, totalTimeInServices, totalTime };
}

/**
 * Formats a duration in microseconds as `HH:MM:SS.ffffff`: hours zero-padded to at least two
 * digits and not wrapped at 24, always six fractional digits. A negative value (never produced
 * by {@link computeDurations}) gets a leading `-`.
 */
export function formatDuration(micros: bigint): string {
  const sign = micros < 0n ? '-' : '';
  const magnitude = micros < 0n ? -micros : micros;
  const totalSeconds = magnitude / MICROS_PER_SECOND;
  const hours = totalSeconds / 3600n;
  const minutes = (totalSeconds % 3600n) / 60n;
  const seconds = totalSeconds % 60n;
  const fraction = magnitude % MICROS_PER_SECOND;
  const pad = (value: bigint, width: number): string => value.toString().padStart(width, '0');
  return `${sign}${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(fraction, 6)}`;
}

/**
 * The API's `duration` object: one formatted span per group, plus `total_time_in_services`
 * and `total_time`. Group keys always contain `:`, so they never clash with the totals.
 */
export function durationReportToJson(report: DurationReport): Record<string, string> {
  const json: Record<string, string> = {};
  for (const [key, span] of report.groups) {
    json[key] = formatDuration(span);
  }
  json['total_time_in_services'] = formatDuration(report.totalTimeInServices);
  json['total_time'] = formatDuration(report.totalTime);
  return json;
}
