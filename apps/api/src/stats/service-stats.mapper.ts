import {
  DURATION_BIN_COUNT,
  formatDuration,
  formatTimestamp,
  histogramPercentileMicros,
} from '@payload-tracker/status-lifecycle';

import { timestampFromDatabase, withoutNulls } from '../common/row-values';
import type { LastFailureDto } from './dto/last-failure.dto';
import type { ServiceStatsEntryDto } from './dto/service-stats-entry.dto';
import type { ServiceStatsDto } from './dto/service-stats.dto';
import type { ServiceStatsRow, StateTotalsRow } from './stats-rows';
import type { StatsWindow } from './stats-window';

function percentile(counts: readonly number[], fraction: number): string | null {
  const micros = histogramPercentileMicros(counts, fraction);
  return micros === null ? null : formatDuration(micros);
}

function lastFailureOf(row: ServiceStatsRow): LastFailureDto | null {
  if (row.failure_request_id === null || row.failure_status === null || row.failure_date === null) {
    return null;
  }
  return {
    request_id: row.failure_request_id,
    status: row.failure_status,
    ...withoutNulls({ status_msg: row.failure_status_msg }),
    date: timestampFromDatabase(row.failure_date),
  };
}

/** The histogram of a row (stored sparse: one entry per bin that has groups), dense. */
function histogramOf(row: ServiceStatsRow): number[] {
  const counts = new Array<number>(DURATION_BIN_COUNT).fill(0);
  const bins = row.duration_bins ?? [];
  for (const [index, bin] of bins.entries()) {
    if (bin >= 0 && bin < DURATION_BIN_COUNT) {
      counts[bin] = row.duration_bin_counts?.[index] ?? 0;
    }
  }
  return counts;
}

/** Whether a group of this `service:source` started or closed in the window. */
function hasReported(row: ServiceStatsRow): boolean {
  return (
    row.succeeded + row.failed + row.in_progress + row.stalled > 0 ||
    (row.duration_bin_counts ?? []).some((count) => count > 0)
  );
}

/** One `service:source` of the stats; absent values left out. */
export function toServiceStatsEntryDto(row: ServiceStatsRow): ServiceStatsEntryDto {
  const closed = row.succeeded + row.failed;
  const durations = histogramOf(row);
  return {
    service: row.service,
    ...withoutNulls({ source: row.source }),
    payloads: closed + row.in_progress + row.stalled,
    succeeded: row.succeeded,
    failed: row.failed,
    in_progress: row.in_progress,
    stalled: row.stalled,
    ...withoutNulls({
      success_rate: closed > 0 ? row.succeeded / closed : null,
      duration_p50: percentile(durations, 0.5),
      duration_p95: percentile(durations, 0.95),
      duration_p99: percentile(durations, 0.99),
      last_failure: lastFailureOf(row),
    }),
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Most failures first, then by service and source (no source first). */
export function compareServiceStats(a: ServiceStatsEntryDto, b: ServiceStatsEntryDto): number {
  return (
    b.failed - a.failed ||
    compareText(a.service, b.service) ||
    compareText(a.source ?? '', b.source ?? '')
  );
}

/** The response of `GET /stats/services`. */
export function toServiceStatsDto(
  window: StatsWindow,
  rows: readonly ServiceStatsRow[],
  totals: StateTotalsRow,
): ServiceStatsDto {
  return {
    since: formatTimestamp(window.since),
    until: formatTimestamp(window.until),
    services: rows.filter(hasReported).map(toServiceStatsEntryDto).sort(compareServiceStats),
    totals: {
      succeeded: totals.succeeded,
      failed: totals.failed,
      in_progress: totals.in_progress,
      stalled: totals.stalled,
    },
  };
}
