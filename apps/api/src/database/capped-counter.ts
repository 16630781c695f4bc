import { Injectable } from '@nestjs/common';

import { StatementRunner } from '@payload-tracker/entities';
import type { SqlStatement } from '@payload-tracker/entities';

import { CappedCountCache } from './capped-count.cache';

/** A capped count is trusted this long (only retention, once a day, can lower it). */
const CAPPED_COUNT_TTL_MS = 10_000;
const CAPPED_COUNT_ENTRIES = 10_000;

/**
 * Runs count statements that stop after `cap` + 1 rows (`SELECT count(*)::integer AS count`).
 * An answer above `cap` is remembered briefly, and answered again without the database for
 * the same statement and values or wider timestamp ranges (see {@link CappedCountCache}).
 */
@Injectable()
export class CappedCounter {
  private readonly cappedCounts = new CappedCountCache(CAPPED_COUNT_TTL_MS, CAPPED_COUNT_ENTRIES);

  constructor(private readonly statements: StatementRunner) {}

  /** The count of `statement`, `cap + 1` meaning "more than `cap`". */
  async countUpTo(name: string, statement: SqlStatement, cap: number): Promise<number> {
    const ranges = statement.ranges ?? [];
    const rangePositions = new Set(ranges.map((range) => range.position));
    const otherValues = statement.parameters.map((value, position) =>
      rangePositions.has(position) ? null : value,
    );
    const key = `${statement.sql}\u0000${JSON.stringify(otherValues, (_key, value: unknown) =>
      typeof value === 'bigint' ? value.toString() : value,
    )}`;
    if (this.cappedCounts.isCapped(key, ranges)) {
      return cap + 1;
    }
    const [row] = await this.statements.query<{ count: number }>(name, statement);
    const count = row?.count ?? 0;
    if (count > cap) {
      this.cappedCounts.rememberCapped(key, ranges);
    }
    return count;
  }
}
