/**
 * Facts about the schema that hand-written queries depend on: PostgreSQL uses an expression or
 * partial index only when the query repeats its expression or implies its predicate, so these
 * values must equal what the migrations wrote. Migrations keep their literal SQL (they are never
 * edited); `schema-constants.int-spec.ts` checks every value here against the migrated schema,
 * so a migration that changes one of these indexes fails until the constant follows it.
 */

/**
 * Length of the `status_msg` prefix that `ix_payload_statuses_status_msg_id` and
 * `ix_payload_statuses_status_msg_date` index as `left(status_msg, 256)`: a whole message may
 * hold 4,096 characters, more than a btree entry allows. Queries filter and sort by
 * `left(status_msg, STATUS_MSG_INDEXED_PREFIX)` to use them. (The comment in AddQueryApiIndexes
 * still places this constant in the api: migrations are never edited.)
 */
export const STATUS_MSG_INDEXED_PREFIX = 256;

/**
 * Messages of at most this many bytes (`octet_length`) are indexed whole by the partial index
 * `ix_payload_statuses_short_status_msg_date` (`WHERE octet_length(status_msg) <= 1024`). An
 * equality filter on a message this short repeats the predicate, so that the planner may use
 * the index and count from it alone.
 */
export const SHORT_STATUS_MSG_MAX_BYTES = 1024;

/**
 * The indexes whose exact definition the api's statements rely on (the other indexes only
 * need to exist; `entities-match-schema.int-spec.ts` checks those by name and columns).
 */
export const QUERY_INDEX_NAMES = {
  /** `(left(status_msg, STATUS_MSG_INDEXED_PREFIX), id)`: the `status_msg` sort. */
  statusMsgPrefixId: 'ix_payload_statuses_status_msg_id',
  /** `(left(status_msg, STATUS_MSG_INDEXED_PREFIX), date)`: a long `status_msg` filter. */
  statusMsgPrefixDate: 'ix_payload_statuses_status_msg_date',
  /** `(status_msg, date) WHERE octet_length(status_msg) <= SHORT_STATUS_MSG_MAX_BYTES`. */
  shortStatusMsgDate: 'ix_payload_statuses_short_status_msg_date',
  /**
   * `(date, id) WHERE created_at < date`: statuses stored before their own date; the date-sorted
   * list with an upper `created_at` bound reads them in a branch that repeats the predicate.
   */
  futureDatedDateId: 'ix_payload_statuses_future_dated_date_id',
} as const;
