import type { SortDirection } from '@payload-tracker/api-contract';

/** A value rows sort by; absent values sort last in either direction. */
export type SortValue = string | number | undefined;

/**
 * The rows sorted by `valueOf` in `direction`, stably (equal rows keep their order); strings
 * compare as people read them (`puptoo-2` before `puptoo-10`), absent values come last.
 */
export function sortRows<Row>(
  rows: readonly Row[],
  valueOf: (row: Row) => SortValue,
  direction: SortDirection,
): Row[] {
  const sign = direction === 'asc' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, value: valueOf(row) }))
    .sort((a, b) => {
      if (a.value === undefined || b.value === undefined) {
        const absent = (a.value === undefined ? 1 : 0) - (b.value === undefined ? 1 : 0);
        return absent !== 0 ? absent : a.index - b.index;
      }
      const order =
        typeof a.value === 'number' && typeof b.value === 'number'
          ? a.value - b.value
          : String(a.value).localeCompare(String(b.value), 'en', { numeric: true });
      return order !== 0 ? sign * order : a.index - b.index;
    })
    .map(({ row }) => row);
}
