import { SHORT_STATUS_MSG_MAX_BYTES, STATUS_MSG_INDEXED_PREFIX } from '../schema/schema-constants';

/** One index of our schema that adoption builds: its name and what follows `ON <table>`. */
export interface TargetIndex {
  readonly name: string;
  readonly isUnique: boolean;
  /** Column list and predicate, e.g. `(date, id) WHERE created_at < date`. */
  readonly definition: string;
}

const PAYLOAD_ID_COLUMNS = ['account', 'org_id', 'inventory_id', 'system_id'] as const;
const LOOKUP_COLUMNS = ['service_id', 'status_id', 'source_id'] as const;

/** The indexes of `payloads` after every migration, besides its primary key and unique key. */
export const PAYLOAD_INDEXES: readonly TargetIndex[] = [
  ...PAYLOAD_ID_COLUMNS.flatMap((column) => [
    { name: `ix_payloads_${column}_id`, isUnique: false, definition: `(${column}, id)` },
    {
      name: `ix_payloads_${column}_created_at_id`,
      isUnique: false,
      definition: `(${column}, created_at, id)`,
    },
  ]),
  { name: 'ix_payloads_created_at_id', isUnique: false, definition: '(created_at, id)' },
];

/**
 * The indexes of `payload_statuses` after every migration, besides its primary key, the
 * dedupe index first (the statuses are writable by our ingester only once it exists).
 */
export const STATUS_INDEXES: readonly TargetIndex[] = [
  { name: 'ux_payload_statuses_dedupe', isUnique: true, definition: '(dedupe_key, date)' },
  ...['payload_id', 'service_id', 'status_id', 'source_id'].map((column) => ({
    name: `ix_payload_statuses_${column}_date`,
    isUnique: false,
    definition: `(${column}, date)`,
  })),
  { name: 'ix_payload_statuses_date_id', isUnique: false, definition: '(date, id)' },
  { name: 'ix_payload_statuses_created_at_id', isUnique: false, definition: '(created_at, id)' },
  ...LOOKUP_COLUMNS.map((column) => ({
    name: `ix_payload_statuses_${column}_id`,
    isUnique: false,
    definition: `(${column}, id)`,
  })),
  {
    name: 'ix_payload_statuses_status_msg_id',
    isUnique: false,
    definition: `(left(status_msg, ${STATUS_MSG_INDEXED_PREFIX.toString()}), id)`,
  },
  {
    name: 'ix_payload_statuses_status_msg_date',
    isUnique: false,
    definition: `(left(status_msg, ${STATUS_MSG_INDEXED_PREFIX.toString()}), date)`,
  },
  {
    name: 'ix_payload_statuses_future_dated_date_id',
    isUnique: false,
    definition: '(date, id) WHERE created_at < date',
  },
  {
    name: 'ix_payload_statuses_short_status_msg_date',
    isUnique: false,
    definition: `(status_msg, date) WHERE octet_length(status_msg) <= ${SHORT_STATUS_MSG_MAX_BYTES.toString()}`,
  },
];

/** The lookup tables, whose keys adoption renames. */
export const LOOKUP_TABLES = ['services', 'sources', 'statuses'] as const;

/** The foreign keys of `payload_statuses` to the lookup tables, as the migrations name them. */
export const LOOKUP_FOREIGN_KEYS = [
  { name: 'fk_payload_statuses_service_id', column: 'service_id', table: 'services' },
  { name: 'fk_payload_statuses_source_id', column: 'source_id', table: 'sources' },
  { name: 'fk_payload_statuses_status_id', column: 'status_id', table: 'statuses' },
] as const;

/** `payloads.comment` while adoption runs and once it is done: how a re-run knows the database. */
export const ADOPTION_MARKERS = {
  inProgress: 'payload-tracker: adoption from the Go edition in progress',
  done: 'payload-tracker: adopted from the Go edition',
} as const;

/*
 * The ingester's dedupe key (`dedupeKeyOf`: md5 of `statusFingerprint`, as a uuid) in SQL, of a
 * row `s` of payload_statuses. JSON.stringify writes `["v1","...",...]` with no spaces, which
 * json_build_array does not, so the array is concatenated from to_json of each part: the two
 * escape strings alike (quote, backslash, \b \f \n \r \t, other control characters as \u00xx).
 * Each name comes from a primary-key lookup, so a batch never joins a whole table.
 */
export const DEDUPE_KEY_SQL = `md5(
  '["v1",' || (SELECT to_json(p.request_id::text)::text FROM payloads p WHERE p.id = s.payload_id)
  || ',' || (SELECT to_json(sv.name::text)::text FROM services sv WHERE sv.id = s.service_id)
  || ',' || coalesce((SELECT to_json(so.name::text)::text FROM sources so WHERE so.id = s.source_id), 'null')
  || ',' || (SELECT to_json(st.name::text)::text FROM statuses st WHERE st.id = s.status_id)
  || ',' || coalesce(to_json(s.status_msg::text)::text, 'null')
  || ',"' || to_char(s.date AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '"]'
)::uuid`;

/*
 * The key of a kept exact duplicate (`--keep-duplicates`): unique per row (the primary key is
 * (id, date)) and never equal to an ingester key, whose fingerprint starts `["v1",`.
 */
export const KEPT_DUPLICATE_KEY_SQL = `md5('payload-tracker kept duplicate ' || s.id::text || ' ' || s.date::text)::uuid`;
