/** Suffixes of the range parameters on a timestamp: `created_at_lt`, `created_at_lte`, ... */
export const TIMESTAMP_BOUND_SUFFIXES = ['lt', 'lte', 'gt', 'gte'] as const;

/** A suffix of {@link TIMESTAMP_BOUND_SUFFIXES}. */
export type TimestampBoundSuffix = (typeof TIMESTAMP_BOUND_SUFFIXES)[number];

/** The name of a range parameter on `Column` (`created_at_lt` ...). */
export type TimestampBoundParameter<
  Column extends string,
  Suffix extends TimestampBoundSuffix = TimestampBoundSuffix,
> = `${Column}_${Suffix}`;

/** The name of one range parameter: `timestampBoundParameter('date', 'gte')` is `date_gte`. */
export function timestampBoundParameter<Column extends string, Suffix extends TimestampBoundSuffix>(
  column: Column,
  suffix: Suffix,
): TimestampBoundParameter<Column, Suffix> {
  return `${column}_${suffix}`;
}

/** Every range parameter on `column`, in the order of {@link TIMESTAMP_BOUND_SUFFIXES}. */
export function timestampBoundParameters<Column extends string>(
  column: Column,
): TimestampBoundParameter<Column>[] {
  return TIMESTAMP_BOUND_SUFFIXES.map((suffix) => timestampBoundParameter(column, suffix));
}

/** Exact-match filters of `GET /payloads`. */
export const PAYLOAD_EXACT_FILTERS = [
  'request_id',
  'account',
  'org_id',
  'inventory_id',
  'system_id',
] as const;

/** An exact-match filter of `GET /payloads`. */
export type PayloadExactFilter = (typeof PAYLOAD_EXACT_FILTERS)[number];

/** Timestamps `GET /payloads` takes ranges on (see {@link TIMESTAMP_BOUND_SUFFIXES}). */
export const PAYLOAD_TIMESTAMP_RANGES = ['created_at'] as const;

/** A timestamp of {@link PAYLOAD_TIMESTAMP_RANGES}. */
export type PayloadTimestampRange = (typeof PAYLOAD_TIMESTAMP_RANGES)[number];

/**
 * Values of the `state` filter of `GET /payloads` (several may be given, comma-separated) and
 * of a payload's `state`: `stalled` is an `in_progress` payload whose latest status is older
 * than `STALLED_AFTER_MINUTES`.
 */
export const PAYLOAD_STATE_FILTER_VALUES = [
  'failed',
  'succeeded',
  'in_progress',
  'stalled',
] as const;

/** A value of {@link PAYLOAD_STATE_FILTER_VALUES}. */
export type PayloadStateFilterValue = (typeof PAYLOAD_STATE_FILTER_VALUES)[number];

/** Separator of several values of the `state` filter (`state=failed,stalled`). */
export const PAYLOAD_STATE_SEPARATOR = ',';

/**
 * Filters of `GET /payloads` on a payload's outcome: `state` (see
 * {@link PAYLOAD_STATE_FILTER_VALUES}) and `failed_service` (the service of the earliest
 * failure, compared lower-cased).
 */
export const PAYLOAD_OUTCOME_FILTERS = ['state', 'failed_service'] as const;

/** A filter of {@link PAYLOAD_OUTCOME_FILTERS}. */
export type PayloadOutcomeFilter = (typeof PAYLOAD_OUTCOME_FILTERS)[number];

/** Outcome timestamps `GET /payloads` takes ranges on: `last_status_at` (the latest status date). */
export const PAYLOAD_OUTCOME_TIMESTAMP_RANGES = ['last_status_at'] as const;

/** A timestamp of {@link PAYLOAD_OUTCOME_TIMESTAMP_RANGES}. */
export type PayloadOutcomeTimestampRange = (typeof PAYLOAD_OUTCOME_TIMESTAMP_RANGES)[number];

/** Exact-match filters of `GET /statuses`. */
export const STATUS_EXACT_FILTERS = [
  'service',
  'source',
  'status',
  'status_msg',
  'request_id',
] as const;

/** An exact-match filter of `GET /statuses`. */
export type StatusExactFilter = (typeof STATUS_EXACT_FILTERS)[number];

/** The filters of {@link STATUS_EXACT_FILTERS} compared lower-cased (names of lookups). */
export const STATUS_LOWER_CASED_FILTERS = ['service', 'source', 'status'] as const;

/** A filter of {@link STATUS_LOWER_CASED_FILTERS}. */
export type StatusLowerCasedFilter = (typeof STATUS_LOWER_CASED_FILTERS)[number];

/**
 * Timestamps `GET /statuses` takes ranges on: `date` (when the status happened) and
 * `created_at` (when it was stored).
 */
export const STATUS_TIMESTAMP_RANGES = ['date', 'created_at'] as const;

/** A timestamp of {@link STATUS_TIMESTAMP_RANGES}. */
export type StatusTimestampRange = (typeof STATUS_TIMESTAMP_RANGES)[number];

/** Optional parameters of `GET /payloads/{request_id}/kibanaLink`. */
export const KIBANA_LINK_FILTERS = ['service'] as const;

/** A parameter of {@link KIBANA_LINK_FILTERS}. */
export type KibanaLinkFilter = (typeof KIBANA_LINK_FILTERS)[number];
