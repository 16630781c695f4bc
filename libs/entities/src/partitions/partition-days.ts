/** A UTC calendar day as `YYYY-MM-DD`. */
export type UtcDay = string;

/** A partition of `payload_statuses` with its bounds read from the catalog (UTC ISO instants). */
export interface PartitionBounds {
  readonly name: string;
  /** Inclusive lower bound, `YYYY-MM-DDTHH:MM:SS.ffffffZ`. */
  readonly from: string;
  /** Exclusive upper bound, `YYYY-MM-DDTHH:MM:SS.ffffffZ`. */
  readonly to: string;
}

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

function dayToEpochMs(day: UtcDay): number {
  const match = DAY_PATTERN.exec(day);
  if (!match) throw new RangeError(`not a YYYY-MM-DD day: ${day}`);
  const [, year, month, date] = match;
  const epochMs = Date.UTC(Number(year), Number(month) - 1, Number(date));
  if (toUtcDay(new Date(epochMs)) !== day) throw new RangeError(`not a calendar day: ${day}`);
  return epochMs;
}

/** The UTC day an instant falls on. */
export function toUtcDay(instant: Date): UtcDay {
  return instant.toISOString().slice(0, 10);
}

/** `day` moved by `days` (negative goes back). */
export function addDays(day: UtcDay, days: number): UtcDay {
  return toUtcDay(new Date(dayToEpochMs(day) + days * MS_PER_DAY));
}

/** `partition_YYYYMMDD_YYYYMMDD`, the name `create_partition(start, stop)` gives. */
export function partitionName(start: UtcDay, stop: UtcDay): string {
  dayToEpochMs(start);
  dayToEpochMs(stop);
  return `partition_${start.replaceAll('-', '')}_${stop.replaceAll('-', '')}`;
}

/** Today's day and the `aheadDays` following ones, each as [start, stop). */
export function daysToPrepare(today: UtcDay, aheadDays: number): { start: UtcDay; stop: UtcDay }[] {
  return Array.from({ length: aheadDays + 1 }, (_, offset) => ({
    start: addDays(today, offset),
    stop: addDays(today, offset + 1),
  }));
}

/**
 * First UTC day still kept: today and the `retentionDays` days before it stay; everything
 * before this day is outside the retention window.
 */
export function retentionCutoffDay(now: Date, retentionDays: number): UtcDay {
  return addDays(toUtcDay(now), -retentionDays);
}

/** Partitions whose whole range ends at or before the start of `cutoffDay`. */
export function selectExpiredPartitions(
  partitions: readonly PartitionBounds[],
  cutoffDay: UtcDay,
): PartitionBounds[] {
  const cutoffMs = dayToEpochMs(cutoffDay);
  return partitions.filter((partition) => Date.parse(partition.to) <= cutoffMs);
}

/** The UTC day an ISO instant falls on (floor). */
export function floorDay(isoInstant: string): UtcDay {
  return toUtcDay(new Date(isoInstant));
}

/** The first UTC day starting at or after an ISO instant (ceiling). */
export function ceilDay(isoInstant: string): UtcDay {
  const floor = floorDay(isoInstant);
  return dayToEpochMs(floor) === Date.parse(isoInstant) ? floor : addDays(floor, 1);
}
