import type { DatabasePool } from '../database/database-pool';
import { StatementRunner } from '../database/statement-runner';
import type { SqlStatement } from '../database/sql-statement';
import type { OutcomeChangeRow } from './maintain-outcomes.sql';
import { maintainOutcomesStatement } from './maintain-outcomes.sql';

/** How far {@link OutcomeBackfill.run} got. */
export interface OutcomeBackfillSummary {
  /** Payloads given an outcome. */
  payloads: number;
  /** Transactions it took. */
  batches: number;
}

/*
 * The next payloads after a cursor that have no outcome, in id order (the cursor), not locked:
 * the outcome statement checks again that each still has none once they are.
 */
const NEXT_PAYLOADS_SQL = `
  SELECT p.id::text AS id
  FROM payloads p
  WHERE p.id > $1::bigint
    AND NOT EXISTS (SELECT 1 FROM payload_outcomes o WHERE o.payload_id = p.id)
  ORDER BY p.id
  LIMIT $2`;

/*
 * Those payloads locked in request_id order, the order in which the ingester's upsert locks
 * the payloads of a batch: two transactions that lock in the same order wait for each other
 * but never deadlock (id order is not request_id order once payloads arrive over several
 * batches). The ingester locks a payload's row before it touches its outcome, so the two
 * never compute the same payload at once.
 */
const LOCK_PAYLOADS_SQL = `
  SELECT p.id::text AS id
  FROM payloads p
  WHERE p.id = ANY($1::bigint[])
  ORDER BY p.request_id
  FOR UPDATE OF p`;

/** The largest payload id, where a run stops (payloads created later get theirs from the ingester). */
const MAX_PAYLOAD_ID_SQL = `SELECT coalesce(max(id), 0)::text AS id FROM payloads`;

function statement(sql: string, parameters: readonly unknown[]): SqlStatement {
  return { sql, parameters, plan: 'auto' };
}

/**
 * Computes the outcome (groups, outcome, stats buckets) of every payload stored without one,
 * that is before the outcomes existed, with the ingester's own statement, in transactions of
 * at most `batchSize` payloads. Safe to interrupt (each batch commits) and to run again, and
 * while the ingester runs: it only ever fills in what is missing.
 */
export class OutcomeBackfill {
  private readonly statements: StatementRunner;

  constructor(pool: DatabasePool) {
    this.statements = new StatementRunner(pool);
  }

  /**
   * @param batchSize - payloads per transaction
   * @param onBatch - told the running totals after each batch
   */
  async run(
    batchSize = 2_000,
    onBatch: (summary: OutcomeBackfillSummary) => void = () => undefined,
  ): Promise<OutcomeBackfillSummary> {
    const [last] = await this.statements.query<{ id: string }>(
      'outcome_backfill_max_id',
      statement(MAX_PAYLOAD_ID_SQL, []),
    );
    const lastId = BigInt(last?.id ?? '0');
    const summary: OutcomeBackfillSummary = { payloads: 0, batches: 0 };
    let cursor = 0n;
    while (cursor < lastId) {
      const ids = await this.statements.transaction('outcome_backfill', async (run) => {
        const next = await run<{ id: string }>(
          statement(NEXT_PAYLOADS_SQL, [cursor.toString(), batchSize]),
        );
        const nextIds = next.map((row) => row.id);
        if (nextIds.length > 0) {
          // Retention may have deleted some since; those are simply not locked.
          const locked = await run<{ id: string }>(statement(LOCK_PAYLOADS_SQL, [nextIds]));
          const changed = await run<OutcomeChangeRow>(
            maintainOutcomesStatement(
              [],
              locked.map((row) => row.id),
            ),
          );
          summary.payloads += changed.length;
        }
        return nextIds;
      });
      const next = ids.at(-1);
      if (next === undefined) {
        break;
      }
      cursor = BigInt(next);
      summary.batches += 1;
      onBatch({ ...summary });
    }
    return summary;
  }
}
