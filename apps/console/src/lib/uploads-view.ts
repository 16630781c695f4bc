import {
  DEFAULT_PAYLOAD_SORT_FIELD,
  DEFAULT_SORT_DIRECTION,
  MAX_PAGE_SIZE,
  MIN_PAGE_SIZE,
  PAYLOAD_EXACT_FILTERS,
  PAYLOAD_SORT_FIELDS,
  PAYLOAD_STATE_FILTER_VALUES,
  PAYLOAD_STATE_SEPARATOR,
  SORT_DIRECTIONS,
  timestampBoundParameters,
} from '@payload-tracker/api-contract';
import type {
  PayloadSortField,
  PayloadStateFilterValue,
  SortDirection,
} from '@payload-tracker/api-contract';

import { isTimeWindow, windowStart } from './time-window';
import type { TimeWindow } from './time-window';

/** Filters of `GET /payloads` compared as text: the exact ones and `failed_service`. */
export const UPLOADS_TEXT_FILTERS = [...PAYLOAD_EXACT_FILTERS, 'failed_service'] as const;

/** Range filters of `GET /payloads`: `created_at_*` and `last_status_at_*`. */
export const UPLOADS_TIME_FILTERS = [
  ...timestampBoundParameters('created_at'),
  ...timestampBoundParameters('last_status_at'),
] as const;

/** A filter of the uploads list other than `state`. */
export type UploadsFilter =
  (typeof UPLOADS_TEXT_FILTERS)[number] | (typeof UPLOADS_TIME_FILTERS)[number];

const ALL_FILTERS: readonly UploadsFilter[] = [...UPLOADS_TEXT_FILTERS, ...UPLOADS_TIME_FILTERS];

/** The window of the uploads list: created in the last hour, day ... or ever. */
export type UploadsWindow = TimeWindow | 'all';

/** Page sizes offered; any size the API accepts is kept when it comes in a URL. */
export const PAGE_SIZES = [10, 25, 50, 100] as const;

/** Everything the uploads list shows, as its URL holds it. */
export interface UploadsView {
  readonly filters: Readonly<Partial<Record<UploadsFilter, string>>>;
  readonly states: readonly PayloadStateFilterValue[];
  readonly window: UploadsWindow;
  readonly sortBy: PayloadSortField;
  readonly sortDir: SortDirection;
  readonly page: number;
  readonly pageSize: number;
}

/** The list as it opens: the last 24 h, newest first, 25 rows a page. */
export const DEFAULT_UPLOADS_VIEW: UploadsView = {
  filters: {},
  states: [],
  window: '24h',
  sortBy: DEFAULT_PAYLOAD_SORT_FIELD,
  sortDir: DEFAULT_SORT_DIRECTION,
  page: 0,
  pageSize: 25,
};

function oneOf<T extends string>(allowed: readonly T[], value: string | null): T | undefined {
  return allowed.find((candidate) => candidate === value);
}

function integerIn(value: string | null, min: number, max: number): number | undefined {
  if (value === null || !/^\d+$/.test(value)) {
    return undefined;
  }
  const number = Number(value);
  return number >= min && number <= max ? number : undefined;
}

/**
 * The view a URL's query string holds. Parameters are named as `GET /payloads` names them (a
 * console URL reads like the API call behind it), plus `window`; anything unknown or invalid
 * falls back to the default, so an old or hand-edited link still opens.
 */
export function parseUploadsView(search: string): UploadsView {
  const query = new URLSearchParams(search);
  const filters: Partial<Record<UploadsFilter, string>> = {};
  for (const filter of ALL_FILTERS) {
    const value = query.get(filter)?.trim();
    if (value !== undefined && value !== '') {
      filters[filter] = value;
    }
  }
  const states = (query.get('state') ?? '')
    .split(PAYLOAD_STATE_SEPARATOR)
    .map((state) => oneOf(PAYLOAD_STATE_FILTER_VALUES, state.trim()))
    .filter((state): state is PayloadStateFilterValue => state !== undefined);
  const windowText = query.get('window');
  return {
    filters,
    // In the API's order, once each, so equal views have equal URLs.
    states: PAYLOAD_STATE_FILTER_VALUES.filter((state) => states.includes(state)),
    window:
      windowText === 'all'
        ? 'all'
        : isTimeWindow(windowText)
          ? windowText
          : DEFAULT_UPLOADS_VIEW.window,
    sortBy: oneOf(PAYLOAD_SORT_FIELDS, query.get('sort_by')) ?? DEFAULT_UPLOADS_VIEW.sortBy,
    sortDir: oneOf(SORT_DIRECTIONS, query.get('sort_dir')) ?? DEFAULT_UPLOADS_VIEW.sortDir,
    page: integerIn(query.get('page'), 0, Number.MAX_SAFE_INTEGER) ?? DEFAULT_UPLOADS_VIEW.page,
    pageSize:
      integerIn(query.get('page_size'), MIN_PAGE_SIZE, MAX_PAGE_SIZE) ??
      DEFAULT_UPLOADS_VIEW.pageSize,
  };
}

/** The query string (`?...`, or `''` for the default view) that {@link parseUploadsView} reads back. */
export function uploadsViewQuery(view: UploadsView): string {
  const query = new URLSearchParams();
  for (const filter of ALL_FILTERS) {
    const value = view.filters[filter];
    if (value !== undefined) {
      query.set(filter, value);
    }
  }
  if (view.states.length > 0) {
    query.set('state', view.states.join(PAYLOAD_STATE_SEPARATOR));
  }
  if (view.window !== DEFAULT_UPLOADS_VIEW.window) {
    query.set('window', view.window);
  }
  if (view.sortBy !== DEFAULT_UPLOADS_VIEW.sortBy) {
    query.set('sort_by', view.sortBy);
  }
  if (view.sortDir !== DEFAULT_UPLOADS_VIEW.sortDir) {
    query.set('sort_dir', view.sortDir);
  }
  if (view.page !== DEFAULT_UPLOADS_VIEW.page) {
    query.set('page', view.page.toString());
  }
  if (view.pageSize !== DEFAULT_UPLOADS_VIEW.pageSize) {
    query.set('page_size', view.pageSize.toString());
  }
  const text = query.toString();
  return text === '' ? '' : `?${text}`;
}

/** Whether the window bounds the list: an explicit lower bound on `created_at` replaces it. */
export function isWindowApplied(view: UploadsView): boolean {
  return (
    view.window !== 'all' &&
    view.filters.created_at_gte === undefined &&
    view.filters.created_at_gt === undefined
  );
}

/** What to ask `GET /payloads` for: the rows of the view, or only the count of one state. */
export interface UploadsRequest {
  /** Replaces the view's states: the count of one chip. */
  readonly state?: PayloadStateFilterValue;
  /** Only the count matters: the smallest page. */
  readonly countOnly?: boolean;
}

/**
 * The `GET /payloads` query string for a view at `nowMs`: its filters, its states (or the one
 * of `request.state`), `created_at_gte` from the window, its sort and page.
 */
export function uploadsApiQuery(
  view: UploadsView,
  nowMs: number,
  request: UploadsRequest = {},
): string {
  const query = new URLSearchParams();
  for (const filter of ALL_FILTERS) {
    const value = view.filters[filter];
    if (value !== undefined) {
      query.set(filter, value);
    }
  }
  if (isWindowApplied(view) && view.window !== 'all') {
    query.set('created_at_gte', windowStart(view.window, nowMs));
  }
  const states = request.state === undefined ? view.states : [request.state];
  if (states.length > 0) {
    query.set('state', states.join(PAYLOAD_STATE_SEPARATOR));
  }
  if (request.countOnly === true) {
    query.set('page_size', MIN_PAGE_SIZE.toString());
  } else {
    query.set('sort_by', view.sortBy);
    query.set('sort_dir', view.sortDir);
    query.set('page', view.page.toString());
    query.set('page_size', view.pageSize.toString());
  }
  return `?${query.toString()}`;
}

/** The view with `state` added to or removed from its states, back on the first page. */
export function toggleState(view: UploadsView, state: PayloadStateFilterValue): UploadsView {
  const states = view.states.includes(state)
    ? view.states.filter((current) => current !== state)
    : PAYLOAD_STATE_FILTER_VALUES.filter((value) => value === state || view.states.includes(value));
  return { ...view, states, page: 0 };
}

/** Columns that read best newest or largest first when first sorted by. */
const DESCENDING_FIRST: readonly PayloadSortField[] = ['created_at', 'last_status_at'];

/**
 * The view sorted by `field`: the same column again flips the direction; a new column starts
 * newest first for timestamps, A to Z for names; back on the first page.
 */
export function sortUploadsBy(view: UploadsView, field: PayloadSortField): UploadsView {
  if (view.sortBy === field) {
    return { ...view, sortDir: view.sortDir === 'asc' ? 'desc' : 'asc', page: 0 };
  }
  return {
    ...view,
    sortBy: field,
    sortDir: DESCENDING_FIRST.includes(field) ? 'desc' : 'asc',
    page: 0,
  };
}

/** The number of pages `count` rows fill, at least one. */
export function pageCount(count: number, pageSize: number): number {
  return Math.max(1, Math.ceil(count / pageSize));
}
