import { COUNT_LIMIT } from '@payload-tracker/api-contract';
import type { PayloadSortField, PayloadStateFilterValue } from '@payload-tracker/api-contract';
import type { JSX, TargetedSubmitEvent } from 'preact';
import { useMemo, useState } from 'preact/hooks';

import { Link, useRouter } from '../app/router';
import { useApi } from '../app/use-api';
import { Empty, Failure, Loading, SampleTrafficHint } from '../components/page-state';
import { SortHeader } from '../components/sort-header';
import { STATE_LABELS, STATE_ORDER, StateChip } from '../components/state-chip';
import { TableScroll } from '../components/table-scroll';
import { Timestamp } from '../components/timestamp';
import type { ApiResult } from '../lib/api-client';
import type { PayloadList, PayloadRow } from '../lib/api-types';
import { routePath } from '../lib/console-paths';
import { TIME_WINDOWS, TIME_WINDOW_NAMES } from '../lib/time-window';
import { formatAge } from '../lib/timestamps';
import {
  PAGE_SIZES,
  UPLOADS_TEXT_FILTERS,
  UPLOADS_TIME_FILTERS,
  isWindowApplied,
  pageCount,
  parseUploadsView,
  sortUploadsBy,
  toggleState,
  uploadsApiQuery,
  uploadsViewQuery,
} from '../lib/uploads-view';
import type { UploadsFilter, UploadsView, UploadsWindow } from '../lib/uploads-view';

/** How each filter is labelled on the page. */
const FILTER_LABELS: Readonly<Record<UploadsFilter, string>> = {
  request_id: 'Request id',
  account: 'Account',
  org_id: 'Org id',
  inventory_id: 'Inventory id',
  system_id: 'System id',
  failed_service: 'Failed in service',
  created_at_gte: 'Created at or after',
  created_at_gt: 'Created after',
  created_at_lte: 'Created at or before',
  created_at_lt: 'Created before',
  last_status_at_gte: 'Last status at or after',
  last_status_at_gt: 'Last status after',
  last_status_at_lte: 'Last status at or before',
  last_status_at_lt: 'Last status before',
};

/** The filters the form offers (the others still work from a URL, and show as active). */
const FORM_FILTERS: readonly UploadsFilter[] = [
  ...UPLOADS_TEXT_FILTERS,
  'created_at_gte',
  'created_at_lt',
  'last_status_at_gte',
  'last_status_at_lt',
];

function formatCount(count: number, isLowerBound = false): string {
  return `${count.toLocaleString('en')}${isLowerBound || count >= COUNT_LIMIT ? '+' : ''}`;
}

interface UploadsData {
  readonly list: PayloadList;
  readonly counts: Readonly<Record<PayloadStateFilterValue, ApiResult<PayloadList>>>;
  readonly loadedAt: number;
}

async function loadUploads(
  view: UploadsView,
  api: ReturnType<typeof useRouter>['api'],
  signal: AbortSignal,
): Promise<ApiResult<UploadsData>> {
  const now = Date.now();
  const [list, ...counts] = await Promise.all([
    api.listPayloads(uploadsApiQuery(view, now), signal),
    ...STATE_ORDER.map((state) =>
      api.listPayloads(uploadsApiQuery(view, now, { state, countOnly: true }), signal),
    ),
  ]);
  if (!list.ok) {
    return list;
  }
  const byState = Object.fromEntries(
    STATE_ORDER.map((state, index) => [state, counts[index]]),
  ) as Record<PayloadStateFilterValue, ApiResult<PayloadList>>;
  return { ok: true, value: { list: list.value, counts: byState, loadedAt: now } };
}

/** The uploads list: state chips with counts, filters, a sortable table, paging; all in the URL. */
export function UploadsPage(): JSX.Element {
  const { api, paths, search, navigate } = useRouter();
  const view = useMemo(() => parseUploadsView(search), [search]);
  const viewQuery = uploadsViewQuery(view);
  const [state, reload] = useApi(viewQuery, (signal) => loadUploads(view, api, signal));
  const hrefOf = (next: UploadsView): string =>
    routePath(paths.basePath, { page: 'uploads' }, uploadsViewQuery(next));
  const go = (next: UploadsView): void => navigate(hrefOf(next));

  const data =
    state.status === 'ok' ? state.value : state.status === 'loading' ? state.previous : undefined;
  const hasFilters = Object.keys(view.filters).length > 0 || view.states.length > 0;

  return (
    <>
      <h1 tabIndex={-1}>Uploads</h1>
      <WindowPicker view={view} hrefOf={hrefOf} />
      <section aria-label="Uploads per state" class="state-chips">
        {STATE_ORDER.map((chipState) => {
          const count = data?.counts[chipState];
          const pressed = view.states.includes(chipState);
          return (
            <button
              key={chipState}
              type="button"
              class={`state-filter chip-${chipState}`}
              aria-pressed={pressed}
              onClick={() => go(toggleState(view, chipState))}
            >
              <span class="state-filter-label">{STATE_LABELS[chipState]}</span>
              <span class="state-filter-count">
                {count === undefined
                  ? '…'
                  : count.ok
                    ? formatCount(count.value.count, count.value.count_is_lower_bound)
                    : '?'}
              </span>
            </button>
          );
        })}
      </section>
      <FiltersForm
        key={viewQuery}
        view={view}
        onApply={go}
        clearHref={hrefOf({ ...view, filters: {}, states: [], page: 0 })}
      />
      <ActiveFilters view={view} hrefOf={hrefOf} />
      <div aria-busy={state.status === 'loading'} aria-live="polite" class="results">
        {state.status === 'error' && (
          <Failure failure={state.failure} what="the uploads" onRetry={reload} />
        )}
        {state.status === 'loading' && data === undefined && <Loading what="uploads" />}
        {data !== undefined &&
          data.list.data.length === 0 &&
          (hasFilters || view.window !== 'all' ? (
            <Empty title="No uploads match this view">
              <p>
                Nothing{' '}
                {isWindowApplied(view) && view.window !== 'all'
                  ? `was created in the last ${TIME_WINDOWS[view.window].label} that `
                  : ''}
                matches these filters. Try{' '}
                <Link href={hrefOf({ ...view, window: 'all', page: 0 })}>all time</Link> or{' '}
                <Link href={hrefOf({ ...view, filters: {}, states: [], page: 0 })}>
                  clearing the filters
                </Link>
                .
              </p>
            </Empty>
          ) : (
            <Empty title="No uploads stored yet">
              <SampleTrafficHint />
            </Empty>
          ))}
        {data !== undefined && data.list.data.length > 0 && (
          <UploadsTable
            view={view}
            data={data}
            onSort={(field) => go(sortUploadsBy(view, field))}
          />
        )}
        {data !== undefined && data.list.data.length > 0 && (
          <Pager
            view={view}
            list={data.list}
            hrefOf={hrefOf}
            onPageSize={(pageSize) => go({ ...view, pageSize, page: 0 })}
          />
        )}
      </div>
    </>
  );
}

function WindowPicker({
  view,
  hrefOf,
}: {
  view: UploadsView;
  hrefOf: (view: UploadsView) => string;
}): JSX.Element {
  const windows: UploadsWindow[] = [...TIME_WINDOW_NAMES, 'all'];
  const applied = isWindowApplied(view);
  return (
    <nav aria-label="Time window: uploads created in the last" class="segmented">
      <span class="segmented-label" aria-hidden="true">
        Created in the last
      </span>
      {windows.map((window) => (
        <Link
          key={window}
          href={hrefOf({ ...view, window, page: 0 })}
          aria-current={window === view.window && applied ? 'page' : undefined}
          class="segment"
        >
          {window === 'all' ? 'All time' : TIME_WINDOWS[window].label}
        </Link>
      ))}
      {!applied && view.window !== 'all' && (
        <span class="muted"> (replaced by the created-at filter)</span>
      )}
    </nav>
  );
}

function FiltersForm({
  view,
  onApply,
  clearHref,
}: {
  view: UploadsView;
  onApply: (view: UploadsView) => void;
  clearHref: string;
}): JSX.Element {
  const [values, setValues] = useState<Partial<Record<UploadsFilter, string>>>(view.filters);
  const submit = (event: TargetedSubmitEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const filters: Partial<Record<UploadsFilter, string>> = { ...view.filters };
    for (const filter of FORM_FILTERS) {
      const value = values[filter]?.trim() ?? '';
      if (value === '') delete filters[filter];
      else filters[filter] = value;
    }
    onApply({ ...view, filters, page: 0 });
  };
  const isOpen = FORM_FILTERS.some((filter) => view.filters[filter] !== undefined);
  return (
    <details class="filters" open={isOpen}>
      <summary>Filters</summary>
      <form onSubmit={submit} class="filters-form">
        {FORM_FILTERS.map((filter) => {
          const isTime = (UPLOADS_TIME_FILTERS as readonly string[]).includes(filter);
          return (
            <div class="field" key={filter}>
              <label for={`filter-${filter}`}>{FILTER_LABELS[filter]}</label>
              <input
                id={`filter-${filter}`}
                name={filter}
                type="text"
                value={values[filter] ?? ''}
                placeholder={isTime ? '2026-11-28T10:00:00Z' : undefined}
                aria-describedby={isTime ? 'filters-time-hint' : undefined}
                spellcheck={false}
                autoComplete="off"
                onInput={(event) => {
                  const value = event.currentTarget.value;
                  setValues((current) => ({ ...current, [filter]: value }));
                }}
              />
            </div>
          );
        })}
        <p id="filters-time-hint" class="hint">
          Times are RFC 3339; without an offset they are UTC. Exact ids match exactly.
        </p>
        <div class="form-actions">
          <button type="submit" class="button button-primary">
            Apply filters
          </button>
          <Link href={clearHref} class="button">
            Clear all
          </Link>
        </div>
      </form>
    </details>
  );
}

function ActiveFilters({
  view,
  hrefOf,
}: {
  view: UploadsView;
  hrefOf: (view: UploadsView) => string;
}): JSX.Element | null {
  const entries = Object.entries(view.filters) as [UploadsFilter, string][];
  if (entries.length === 0) {
    return null;
  }
  return (
    <ul class="active-filters" aria-label="Active filters">
      {entries.map(([filter, value]) => {
        const filters = { ...view.filters };
        delete filters[filter];
        return (
          <li key={filter}>
            <span>
              {FILTER_LABELS[filter]}: <strong>{value}</strong>
            </span>{' '}
            <Link
              href={hrefOf({ ...view, filters, page: 0 })}
              aria-label={`Remove filter ${FILTER_LABELS[filter]} ${value}`}
            >
              ✕
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

const COLUMNS: readonly { field?: PayloadSortField; label: string }[] = [
  { field: 'request_id', label: 'Request id' },
  { label: 'State' },
  { field: 'account', label: 'Account' },
  { field: 'org_id', label: 'Org id' },
  { field: 'created_at', label: 'Created' },
  { field: 'last_status_at', label: 'Last status' },
  { label: 'Failure' },
];

function UploadsTable({
  view,
  data,
  onSort,
}: {
  view: UploadsView;
  data: UploadsData;
  onSort: (field: PayloadSortField) => void;
}): JSX.Element {
  const { paths } = useRouter();
  return (
    <TableScroll label="Uploads table">
      <table class="data-table uploads-table">
        <caption class="visually-hidden">
          Uploads, sorted by {view.sortBy} {view.sortDir === 'asc' ? 'ascending' : 'descending'}
        </caption>
        <thead>
          <tr>
            {COLUMNS.map((column) =>
              column.field === undefined ? (
                <th scope="col" key={column.label}>
                  {column.label}
                </th>
              ) : (
                <SortHeader
                  key={column.label}
                  label={column.label}
                  active={view.sortBy === column.field}
                  direction={view.sortDir}
                  onSort={() => onSort(column.field as PayloadSortField)}
                />
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {data.list.data.map((row) => (
            <UploadRow key={row.id} row={row} basePath={paths.basePath} now={data.loadedAt} />
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function UploadRow({
  row,
  basePath,
  now,
}: {
  row: PayloadRow;
  basePath: string;
  now: number;
}): JSX.Element {
  return (
    <tr>
      <td>
        <Link
          href={routePath(basePath, { page: 'upload', requestId: row.request_id })}
          class="mono"
        >
          {row.request_id}
        </Link>
      </td>
      <td>
        <StateChip state={row.state} />
      </td>
      <td>{row.account ?? <span class="muted">—</span>}</td>
      <td>{row.org_id ?? <span class="muted">—</span>}</td>
      <td>
        <Timestamp value={row.created_at} />
      </td>
      <td>
        {row.last_status_at === undefined ? (
          <span class="muted">—</span>
        ) : (
          <>
            <span class="nowrap">
              {row.last_service}
              {row.last_source === undefined ? '' : `:${row.last_source}`} {row.last_status}
            </span>
            <br />
            <time class="muted" dateTime={row.last_status_at} title={row.last_status_at}>
              {formatAge(row.last_status_at, now)}
            </time>
          </>
        )}
      </td>
      <td class="failure-cell">
        {row.failed_service === undefined ? (
          <span class="muted">—</span>
        ) : (
          <>
            <strong>{row.failed_service}</strong>
            {row.failed_status === undefined ? '' : ` ${row.failed_status}`}
            {row.failed_status_msg !== undefined && (
              <span class="failure-msg-inline">: {row.failed_status_msg}</span>
            )}
          </>
        )}
      </td>
    </tr>
  );
}

function Pager({
  view,
  list,
  hrefOf,
  onPageSize,
}: {
  view: UploadsView;
  list: PayloadList;
  hrefOf: (view: UploadsView) => string;
  onPageSize: (size: number) => void;
}): JSX.Element {
  const pages = pageCount(list.count, view.pageSize);
  const first = view.page * view.pageSize + 1;
  const last = view.page * view.pageSize + list.data.length;
  const sizes = PAGE_SIZES.includes(view.pageSize as (typeof PAGE_SIZES)[number])
    ? PAGE_SIZES
    : [...PAGE_SIZES, view.pageSize].sort((a, b) => a - b);
  return (
    <nav class="pager" aria-label="Pages">
      <p class="pager-summary">
        {first.toLocaleString('en')}–{last.toLocaleString('en')} of{' '}
        {formatCount(list.count, list.count_is_lower_bound)}
      </p>
      {view.page > 0 ? (
        <Link href={hrefOf({ ...view, page: view.page - 1 })} rel="prev" class="button">
          Previous
        </Link>
      ) : (
        <span class="button" aria-disabled="true">
          Previous
        </span>
      )}
      <span class="pager-page">
        Page {(view.page + 1).toLocaleString('en')} of {pages.toLocaleString('en')}
      </span>
      {view.page + 1 < pages ? (
        <Link href={hrefOf({ ...view, page: view.page + 1 })} rel="next" class="button">
          Next
        </Link>
      ) : (
        <span class="button" aria-disabled="true">
          Next
        </span>
      )}
      <label class="pager-size">
        Rows per page{' '}
        <select
          value={view.pageSize.toString()}
          onChange={(event) => onPageSize(Number(event.currentTarget.value))}
        >
          {sizes.map((size) => (
            <option key={size} value={size.toString()}>
              {size}
            </option>
          ))}
        </select>
      </label>
    </nav>
  );
}
