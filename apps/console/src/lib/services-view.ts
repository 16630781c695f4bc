import { SORT_DIRECTIONS } from '@payload-tracker/api-contract';
import type { SortDirection } from '@payload-tracker/api-contract';

import type { ServiceStatsRow } from './api-types';
import { parseApiDuration } from './human-duration';
import type { SortValue } from './sort-rows';
import { isTimeWindow } from './time-window';
import type { TimeWindow } from './time-window';

/** Columns of the services table a person can sort by. */
export const SERVICE_SORT_COLUMNS = [
  'service',
  'payloads',
  'success_rate',
  'failed',
  'stalled',
  'in_progress',
  'duration_p50',
  'duration_p95',
  'duration_p99',
] as const;

/** A column of {@link SERVICE_SORT_COLUMNS}. */
export type ServiceSortColumn = (typeof SERVICE_SORT_COLUMNS)[number];

/** What the services page shows, as its URL holds it. */
export interface ServicesView {
  readonly window: TimeWindow;
  /** Absent: the API's order (failed first, then by name). */
  readonly sort?: ServiceSortColumn;
  readonly dir: SortDirection;
}

/** The page as it opens: the last hour, in the API's order. */
export const DEFAULT_SERVICES_VIEW: ServicesView = { window: '1h', dir: 'desc' };

/** The view a services URL's query string holds; unknown values fall back to the default. */
export function parseServicesView(search: string): ServicesView {
  const query = new URLSearchParams(search);
  const window = query.get('window');
  const sort = SERVICE_SORT_COLUMNS.find((column) => column === query.get('sort'));
  const dir = SORT_DIRECTIONS.find((direction) => direction === query.get('dir'));
  return {
    window: isTimeWindow(window) ? window : DEFAULT_SERVICES_VIEW.window,
    ...(sort === undefined ? {} : { sort }),
    dir: dir ?? DEFAULT_SERVICES_VIEW.dir,
  };
}

/** The query string (`?...` or `''`) that {@link parseServicesView} reads back. */
export function servicesViewQuery(view: ServicesView): string {
  const query = new URLSearchParams();
  if (view.window !== DEFAULT_SERVICES_VIEW.window) query.set('window', view.window);
  if (view.sort !== undefined) {
    query.set('sort', view.sort);
    query.set('dir', view.dir);
  }
  const text = query.toString();
  return text === '' ? '' : `?${text}`;
}

/** The view sorted by `column`: again flips the direction; a new one starts A to Z or largest first. */
export function sortServicesBy(view: ServicesView, column: ServiceSortColumn): ServicesView {
  if (view.sort === column) {
    return { ...view, dir: view.dir === 'asc' ? 'desc' : 'asc' };
  }
  return { ...view, sort: column, dir: column === 'service' ? 'asc' : 'desc' };
}

/** A service row's value in `column`: durations in microseconds, the name as `service:source`. */
export function serviceSortValue(row: ServiceStatsRow, column: ServiceSortColumn): SortValue {
  switch (column) {
    case 'service':
      return serviceLabel(row);
    case 'payloads':
    case 'failed':
    case 'stalled':
    case 'in_progress':
      return row[column];
    case 'success_rate':
      return row.success_rate;
    case 'duration_p50':
    case 'duration_p95':
    case 'duration_p99': {
      const text = row[column];
      const micros = text === undefined ? null : parseApiDuration(text);
      return micros === null ? undefined : Number(micros);
    }
  }
}

/** `service` or `service:source`, as people name a stage. */
export function serviceLabel(row: { readonly service: string; readonly source?: string }): string {
  return row.source === undefined ? row.service : `${row.service}:${row.source}`;
}

/** A success rate for people, to a tenth of a percent: `86.9 %`, `50 %`, or a dash when there is none. */
export function formatSuccessRate(rate: number | undefined): string {
  if (rate === undefined) {
    return '—';
  }
  return `${Number((rate * 100).toFixed(1)).toString()} %`;
}
