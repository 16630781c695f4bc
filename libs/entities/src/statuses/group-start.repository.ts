import type { EpochMicros } from '@payload-tracker/status-lifecycle';
import { parseTimestamp, payloadGroupKey } from '@payload-tracker/status-lifecycle';

import type { DatabasePool } from '../database/database-pool';
import { StatementRunner } from '../database/statement-runner';

/** A `service:source` group of a stored payload. */
export interface PayloadGroup {
  readonly requestId: string;
  /** `payloads.id`. */
  readonly payloadId: string;
  readonly service: string;
  readonly source: string | null;
}

/*
 * Earliest stored date of each group; `IS NOT DISTINCT FROM` matches the groups without a
 * source, and a named source that is not in `sources` yet matches nothing (not the sourceless).
 */
const EARLIEST_DATES_SQL = `
  SELECT g.ord::int AS ord, min(ps.date) AS started_at
  FROM unnest($1::bigint[], $2::text[], $3::text[]) WITH ORDINALITY AS g(payload_id, service, source, ord)
  JOIN services s ON s.name = g.service
  LEFT JOIN sources so ON so.name = g.source
  JOIN payload_statuses ps
    ON ps.payload_id = g.payload_id
   AND ps.service_id = s.id
   AND ps.source_id IS NOT DISTINCT FROM so.id
  WHERE g.source IS NULL OR so.id IS NOT NULL
  GROUP BY g.ord`;

/** Reads when the groups of stored payloads started (for the span histogram of the ingester). */
export class GroupStartRepository {
  private readonly statements: StatementRunner;

  constructor(pool: DatabasePool) {
    this.statements = new StatementRunner(pool);
  }

  /**
   * The earliest stored status date of each group, keyed by `payloadGroupKey`; a group with no
   * stored status is absent.
   */
  async earliestDates(groups: readonly PayloadGroup[]): Promise<Map<string, EpochMicros>> {
    const starts = new Map<string, EpochMicros>();
    if (groups.length === 0) {
      return starts;
    }
    const rows = await this.statements.query<{ ord: number; started_at: string }>('group_starts', {
      sql: EARLIEST_DATES_SQL,
      parameters: [
        groups.map((group) => group.payloadId),
        groups.map((group) => group.service),
        groups.map((group) => group.source),
      ],
      plan: 'auto',
    });
    for (const row of rows) {
      const group = groups[row.ord - 1];
      const startedAt = parseTimestamp(row.started_at);
      if (group !== undefined && startedAt !== null) {
        starts.set(payloadGroupKey(group.requestId, group.service, group.source), startedAt);
      }
    }
    return starts;
  }
}
