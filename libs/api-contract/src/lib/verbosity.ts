/** Allowed `verbosity` values of `GET /payloads/{request_id}`. */
export const VERBOSITY_LEVELS = [0, 1, 2] as const;

/** A `verbosity` value. */
export type Verbosity = (typeof VERBOSITY_LEVELS)[number];

/** `verbosity` when none is given: every field. */
export const DEFAULT_VERBOSITY = 0 satisfies Verbosity;

/** Every field of a status row of `GET /payloads/{request_id}`, in response order. */
export const PAYLOAD_STATUS_FIELDS = [
  'id',
  'request_id',
  'account',
  'org_id',
  'inventory_id',
  'system_id',
  'service',
  'source',
  'status',
  'status_msg',
  'date',
  'created_at',
] as const;

/** A field of {@link PAYLOAD_STATUS_FIELDS}. */
export type PayloadStatusField = (typeof PAYLOAD_STATUS_FIELDS)[number];

/**
 * The fields each verbosity shows, in response order: 0 every field, 1 the track page's, 2 the
 * bare minimum. Absent values are still left out.
 */
export const VERBOSITY_FIELDS = {
  0: PAYLOAD_STATUS_FIELDS,
  1: ['service', 'status', 'inventory_id', 'date', 'status_msg'],
  2: ['service', 'status', 'date'],
} as const satisfies Record<Verbosity, readonly PayloadStatusField[]>;
