import type { SortDirection } from '@payload-tracker/api-contract';
import type { ComponentChildren, JSX } from 'preact';

/**
 * A column header that sorts: a button inside the `th`, which carries `aria-sort` while the
 * table is sorted by it.
 */
export function SortHeader({
  label,
  active,
  direction,
  onSort,
  numeric = false,
}: {
  label: ComponentChildren;
  active: boolean;
  direction: SortDirection;
  onSort: () => void;
  numeric?: boolean;
}): JSX.Element {
  const ariaSort = active ? (direction === 'asc' ? 'ascending' : 'descending') : undefined;
  return (
    <th scope="col" aria-sort={ariaSort} class={numeric ? 'numeric' : undefined}>
      <button type="button" class="sort-button" onClick={onSort}>
        {label}
        <span class="sort-mark" aria-hidden="true">
          {active ? (direction === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}
