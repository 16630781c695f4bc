/** Values of `sort_dir`. */
export const SORT_DIRECTIONS = ['asc', 'desc'] as const;

/** A value of `sort_dir`. */
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

/**
 * `sort_dir` when none is given, on every endpoint: newest first (clients of
 * `GET /payloads/{request_id}` read `data[0]` as the latest status).
 */
export const DEFAULT_SORT_DIRECTION = 'desc' satisfies SortDirection;

/** Allowed `sort_by` values of `GET /payloads`. */
export const PAYLOAD_SORT_FIELDS = [
  'account',
  'org_id',
  'inventory_id',
  'system_id',
  'request_id',
  'created_at',
  'last_status_at',
] as const;

/** A `sort_by` value of `GET /payloads`. */
export type PayloadSortField = (typeof PAYLOAD_SORT_FIELDS)[number];

/** `sort_by` of `GET /payloads` when none is given. */
export const DEFAULT_PAYLOAD_SORT_FIELD = 'created_at' satisfies PayloadSortField;

/** Allowed `sort_by` values of `GET /payloads/{request_id}`. */
export const PAYLOAD_STATUS_SORT_FIELDS = [
  'service',
  'source',
  'status',
  'status_msg',
  'date',
  'created_at',
] as const;

/** A `sort_by` value of `GET /payloads/{request_id}`. */
export type PayloadStatusSortField = (typeof PAYLOAD_STATUS_SORT_FIELDS)[number];

/** `sort_by` of `GET /payloads/{request_id}` when none is given. */
export const DEFAULT_PAYLOAD_STATUS_SORT_FIELD = 'date' satisfies PayloadStatusSortField;

/** Allowed `sort_by` values of `GET /statuses`. */
export const STATUS_SORT_FIELDS = [
  'service',
  'source',
  'request_id',
  'status',
  'status_msg',
  'date',
  'created_at',
] as const;

/** A `sort_by` value of `GET /statuses`. */
export type StatusSortField = (typeof STATUS_SORT_FIELDS)[number];

/** `sort_by` of `GET /statuses` when none is given. */
export const DEFAULT_STATUS_SORT_FIELD = 'date' satisfies StatusSortField;
