import type { Pool } from 'pg';

import type { EpochMicros, OutcomeStatus } from '@payload-tracker/status-lifecycle';

import { installPgTypeParsers } from '../data-source/install-pg-type-parsers';
import {
  DURATION_BIN_COUNT,
  GROUP_STATES,
  PAYLOAD_STATES,
  computeOutcome,
  durationBinOf,
  formatTimestamp,
  parseTimestamp,
} from '@payload-tracker/status-lifecycle';

/*
 * For tests: the outcomes, groups and stats buckets as stored, and as a recomputation from the
 * stored statuses with the domain library's rules gives them, in one comparable shape.
 */

/** The comparable view of everything the outcome maintenance writes. */
export interface OutcomeSnapshot {
  /** By request id. */
  outcomes: Record<string, unknown>;
  /** `width start service:source` → non-zero counts. */
  groupBuckets: Record<string, unknown>;
  /** `width start` → non-zero counts. */
  payloadBuckets: Record<string, unknown>;
}

const MICROS_PER_MINUTE = 60_000_000n;
const WIDTHS = [1n, 60n];

function micros(text: string): EpochMicros {
  const value = parseTimestamp(text);
  if (value === null) {
    throw new Error(`unparsable timestamp from the database: ${text}`);
  }
  return value;
}

function bucketStart(at: EpochMicros, widthMinutes: bigint): string {
  const width = widthMinutes * MICROS_PER_MINUTE;
  let start = at - (at % width);
  if (at % width < 0n) {
    start -= width;
  }
  return formatTimestamp(start);
}

type Counts = { succeeded: number; failed: number; durations: Map<number, number> };

function addTo(buckets: Map<string, Counts>, key: string, change: (counts: Counts) => void): void {
  let counts = buckets.get(key);
  if (counts === undefined) {
    counts = { succeeded: 0, failed: 0, durations: new Map() };
    buckets.set(key, counts);
  }
  change(counts);
}

function nonZero(buckets: Map<string, Counts>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, counts] of [...buckets.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const durations = [...counts.durations.entries()]
      .filter(([, count]) => count !== 0)
      .sort(([a], [b]) => a - b);
    if (counts.succeeded !== 0 || counts.failed !== 0 || durations.length > 0) {
      result[key] = { succeeded: counts.succeeded, failed: counts.failed, durations };
    }
  }
  return result;
}

interface StatusRow {
  request_id: string;
  id: string;
  service: string;
  source: string | null;
  status: string;
  status_msg: string | null;
  date: string;
  payload_created_at: string;
}

/** Recomputes outcomes and buckets from every stored status, with the domain library. */
export async function recomputeOutcomeSnapshot(pool: Pool): Promise<OutcomeSnapshot> {
  installPgTypeParsers();
  const { rows } = await pool.query<StatusRow>(`
    SELECT p.request_id, ps.id::text AS id, sv.name AS service, so.name AS source, st.name AS status,
           ps.status_msg, ps.date, p.created_at AS payload_created_at
    FROM payload_statuses ps
    JOIN payloads p ON p.id = ps.payload_id
    JOIN services sv ON sv.id = ps.service_id
    LEFT JOIN sources so ON so.id = ps.source_id
    JOIN statuses st ON st.id = ps.status_id`);
  const byRequest = new Map<string, { createdAt: string; statuses: OutcomeStatus[] }>();
  for (const row of rows) {
    const entry = byRequest.get(row.request_id) ?? {
      createdAt: row.payload_created_at,
      statuses: [],
    };
    entry.statuses.push({
      id: BigInt(row.id),
      service: row.service,
      source: row.source,
      status: row.status,
      statusMsg: row.status_msg,
      date: micros(row.date),
    });
    byRequest.set(row.request_id, entry);
  }
  const outcomes: Record<string, unknown> = {};
  const groupBuckets = new Map<string, Counts>();
  const payloadBuckets = new Map<string, Counts>();
  for (const [requestId, { createdAt, statuses }] of [...byRequest.entries()].sort()) {
    const outcome = computeOutcome(statuses);
    if (outcome === null) {
      continue;
    }
    outcomes[requestId] = {
      state: outcome.state,
      statusCount: outcome.statusCount,
      lastStatusAt: formatTimestamp(outcome.last.date),
      lastRow: outcome.last.id.toString(),
      lastService: outcome.last.service,
      lastSource: outcome.last.source,
      lastStatus: outcome.last.status,
      failure:
        outcome.failure === null
          ? null
          : {
              at: formatTimestamp(outcome.failure.date),
              row: outcome.failure.id.toString(),
              service: outcome.failure.service,
              source: outcome.failure.source,
              status: outcome.failure.status,
              statusMsg: outcome.failure.statusMsg,
            },
      groups: outcome.groups.map((group) => ({
        service: group.service,
        source: group.source,
        state: group.state,
        firstAt: formatTimestamp(group.firstAt),
        lastAt: formatTimestamp(group.lastAt),
        statusCount: group.statusCount,
      })),
    };
    for (const width of WIDTHS) {
      for (const group of outcome.groups) {
        if (group.state === GROUP_STATES.inProgress) {
          continue;
        }
        const name = `${group.service}:${group.source ?? ''}`;
        addTo(
          groupBuckets,
          `${width.toString()} ${bucketStart(group.firstAt, width)} ${name}`,
          (c) => {
            if (group.state === GROUP_STATES.failed) {
              c.failed += 1;
            } else {
              c.succeeded += 1;
            }
          },
        );
        const bin = durationBinOf(group.lastAt - group.firstAt);
        addTo(
          groupBuckets,
          `${width.toString()} ${bucketStart(group.lastAt, width)} ${name}`,
          (c) => {
            c.durations.set(bin, (c.durations.get(bin) ?? 0) + 1);
          },
        );
      }
      if (outcome.state !== PAYLOAD_STATES.inProgress) {
        addTo(
          payloadBuckets,
          `${width.toString()} ${bucketStart(micros(createdAt), width)}`,
          (c) => {
            if (outcome.state === PAYLOAD_STATES.failed) {
              c.failed += 1;
            } else {
              c.succeeded += 1;
            }
          },
        );
      }
    }
  }
  return {
    outcomes,
    groupBuckets: nonZero(groupBuckets),
    payloadBuckets: nonZero(payloadBuckets),
  };
}

/** Reads what the outcome maintenance stored, in the shape of {@link recomputeOutcomeSnapshot}. */
export async function readOutcomeSnapshot(pool: Pool): Promise<OutcomeSnapshot> {
  installPgTypeParsers();
  const outcomeRows = await pool.query<Record<string, string | number | null>>(`
    SELECT p.request_id, o.state, o.status_count, o.last_status_at, o.last_status_row::text,
           lsv.name AS last_service, lso.name AS last_source, lst.name AS last_status,
           o.failed_at, o.failed_status_row::text, fsv.name AS failed_service,
           fso.name AS failed_source, fst.name AS failed_status, o.failed_status_msg,
           o.created_at = p.created_at AS created_at_matches
    FROM payload_outcomes o
    JOIN payloads p ON p.id = o.payload_id
    JOIN services lsv ON lsv.id = o.last_service_id
    LEFT JOIN sources lso ON lso.id = o.last_source_id
    JOIN statuses lst ON lst.id = o.last_status_id
    LEFT JOIN services fsv ON fsv.id = o.failed_service_id
    LEFT JOIN sources fso ON fso.id = o.failed_source_id
    LEFT JOIN statuses fst ON fst.id = o.failed_status_id
    ORDER BY p.request_id`);
  const groupRows = await pool.query<Record<string, string | number | null>>(`
    SELECT p.request_id, sv.name AS service, so.name AS source,
           CASE WHEN g.failure_count > 0 THEN 'failed'
                WHEN g.success_count > 0 THEN 'succeeded' ELSE 'in_progress' END AS state,
           g.first_at, g.last_at, g.status_count
    FROM payload_groups g
    JOIN payloads p ON p.id = g.payload_id
    JOIN services sv ON sv.id = g.service_id
    LEFT JOIN sources so ON so.id = g.source_id
    ORDER BY p.request_id, g.first_at, sv.name || ':' || coalesce(so.name, 'undefined')`);
  const outcomes: Record<string, unknown> = {};
  for (const row of outcomeRows.rows) {
    if (row['created_at_matches'] !== (true as unknown)) {
      throw new Error(
        `payload_outcomes.created_at differs from payloads for ${String(row['request_id'])}`,
      );
    }
    outcomes[String(row['request_id'])] = {
      state: row['state'],
      statusCount: row['status_count'],
      lastStatusAt: formatTimestamp(micros(String(row['last_status_at']))),
      lastRow: row['last_status_row'],
      lastService: row['last_service'],
      lastSource: row['last_source'],
      lastStatus: row['last_status'],
      failure:
        row['failed_at'] === null
          ? null
          : {
              at: formatTimestamp(micros(String(row['failed_at']))),
              row: row['failed_status_row'],
              service: row['failed_service'],
              source: row['failed_source'],
              status: row['failed_status'],
              statusMsg: row['failed_status_msg'],
            },
      groups: groupRows.rows
        .filter((group) => group['request_id'] === row['request_id'])
        .map((group) => ({
          service: group['service'],
          source: group['source'],
          state: group['state'],
          firstAt: formatTimestamp(micros(String(group['first_at']))),
          lastAt: formatTimestamp(micros(String(group['last_at']))),
          statusCount: group['status_count'],
        })),
    };
  }
  const groupBuckets = new Map<string, Counts>();
  const bucketRows = await pool.query<{
    width_minutes: number;
    bucket_start: string;
    service: string;
    source: string | null;
    succeeded: number;
    failed: number;
  }>(`
    SELECT b.width_minutes, b.bucket_start, sv.name AS service, so.name AS source, b.succeeded,
           b.failed
    FROM service_stats_buckets b
    JOIN services sv ON sv.id = b.service_id
    LEFT JOIN sources so ON so.id = b.source_id`);
  const keyOf = (row: {
    width_minutes: number;
    bucket_start: string;
    service: string;
    source: string | null;
  }): string =>
    `${row.width_minutes.toString()} ${formatTimestamp(micros(row.bucket_start))} ${row.service}:${row.source ?? ''}`;
  for (const row of bucketRows.rows) {
    addTo(groupBuckets, keyOf(row), (c) => {
      c.succeeded += row.succeeded;
      c.failed += row.failed;
    });
  }
  const durationRows = await pool.query<{
    width_minutes: number;
    bucket_start: string;
    service: string;
    source: string | null;
    bin: number;
    groups: number;
  }>(`
    SELECT b.width_minutes, b.bucket_start, sv.name AS service, so.name AS source, b.bin, b.groups
    FROM service_duration_buckets b
    JOIN services sv ON sv.id = b.service_id
    LEFT JOIN sources so ON so.id = b.source_id`);
  for (const row of durationRows.rows) {
    if (row.bin < 0 || row.bin >= DURATION_BIN_COUNT) {
      throw new Error(`duration bin ${row.bin.toString()} out of range`);
    }
    addTo(groupBuckets, keyOf(row), (c) => {
      c.durations.set(row.bin, (c.durations.get(row.bin) ?? 0) + row.groups);
    });
  }
  const payloadBuckets = new Map<string, Counts>();
  const payloadBucketRows = await pool.query<{
    width_minutes: number;
    bucket_start: string;
    succeeded: number;
    failed: number;
  }>(`SELECT width_minutes, bucket_start, succeeded, failed FROM payload_state_buckets`);
  for (const row of payloadBucketRows.rows) {
    addTo(
      payloadBuckets,
      `${row.width_minutes.toString()} ${formatTimestamp(micros(row.bucket_start))}`,
      (c) => {
        c.succeeded += row.succeeded;
        c.failed += row.failed;
      },
    );
  }
  return {
    outcomes,
    groupBuckets: nonZero(groupBuckets),
    payloadBuckets: nonZero(payloadBuckets),
  };
}
