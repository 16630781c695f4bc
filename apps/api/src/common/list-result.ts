import { COUNT_LIMIT } from '@payload-tracker/api-contract';

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

/** The page a list request asks for. */
export interface PageRequest {
  page: number;
  page_size: number;
}

/**
 * Reads a page, then counts only when the page cannot tell: a page shorter than `page_size` that
 * is not past the end holds the last matching row, so the count is its offset plus its rows.
 * Filtered lists mostly fit one page, which saves them the count query.
 */
export async function readPageAndCount<Row>(
  request: PageRequest,
  readRows: () => Promise<Row[]>,
  countRows: () => Promise<number>,
): Promise<{ rows: Row[]; count: number }> {
  const rows = await readRows();
  const isLastPage = rows.length < request.page_size && (rows.length > 0 || request.page === 0);
  const count = isLastPage ? request.page * request.page_size + rows.length : await countRows();
  return { rows, count };
}
