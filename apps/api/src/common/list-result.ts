import { COUNT_LIMIT } from './sql-fragments';

/** Seconds since `startedAt` (from `process.hrtime.bigint()`). */
export function secondsSince(startedAt: bigint): number {
  return Number(process.hrtime.bigint() - startedAt) / 1e9;
}

/** The list envelope: exact `count` below the limit, else the limit plus the lower-bound flag. */
export function listEnvelope<Row>(
  countedRows: number,
  elapsed: number,
  data: Row[],
): { count: number; count_is_lower_bound?: true; elapsed: number; data: Row[] } {
  if (countedRows > COUNT_LIMIT) {
    return { count: COUNT_LIMIT, count_is_lower_bound: true, elapsed, data };
  }
  return { count: countedRows, elapsed, data };
}
