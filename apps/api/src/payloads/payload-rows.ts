/** A `payloads` row as the list and lookup statements return it. */
export interface PayloadRow {
  readonly id: string;
  readonly request_id: string;
  readonly account: string | null;
  readonly org_id: string | null;
  readonly inventory_id: string | null;
  readonly system_id: string | null;
  readonly created_at: string;
}

/** One status of a payload, lookups resolved to names. */
export interface PayloadStatusRow {
  readonly id: string;
  readonly service: string;
  readonly source: string | null;
  readonly status: string;
  readonly status_msg: string | null;
  readonly date: string;
  readonly created_at: string;
}

/** Where an event stream of a payload starts. */
export interface PayloadStreamStartRow {
  readonly payload_id: string;
  readonly latest_status_id: string | null;
}

/** First and last status date of a payload (NULL when it has none). */
export interface PayloadTimeSpanRow {
  readonly first_date: string | null;
  readonly last_date: string | null;
}

/**
 * A row of the statuses-after statement: the payload's columns, then one status.
 */
export interface PayloadWithStatusRow {
  readonly payload_id: string;
  readonly request_id: string;
  readonly account: string | null;
  readonly org_id: string | null;
  readonly inventory_id: string | null;
  readonly system_id: string | null;
  readonly payload_created_at: string;
  readonly id: string | null;
  readonly service: string | null;
  readonly source: string | null;
  readonly status: string | null;
  readonly status_msg: string | null;
  readonly date: string | null;
  readonly created_at: string | null;
}

/**
 * A payload's outcome columns, lookups resolved to names and `state` already read against the
 * database's clock (`stalled` included); every one NULL when the payload has no outcome.
 */
export interface PayloadOutcomeRow {
  readonly state: string | null;
  readonly status_count: number | null;
  readonly last_status_at: string | null;
  readonly last_service: string | null;
  readonly last_source: string | null;
  readonly last_status: string | null;
  readonly failed_service: string | null;
  readonly failed_source: string | null;
  readonly failed_status: string | null;
  readonly failed_status_msg: string | null;
  readonly failed_at: string | null;
}

/** A row of `GET /payloads`: the payload and its outcome. */
export interface PayloadListRow extends PayloadRow, PayloadOutcomeRow {}

/** One `service:source` group of a payload, as the summary statement aggregates it to JSON. */
export interface PayloadGroupRow {
  readonly service: string;
  readonly source: string | null;
  readonly first_at: string;
  readonly last_at: string;
  readonly status_count: number;
  readonly success_count: number;
  readonly failure_count: number;
}

/** The outcome of one payload and its groups. */
export interface PayloadSummaryRow extends PayloadOutcomeRow {
  readonly groups: readonly PayloadGroupRow[];
}

/**
 * The one row of the one-payload statement: the payload's columns (its id as `payload_id`, its
 * date as `payload_created_at`), its statuses, then its outcome columns (all NULL when it has
 * no outcome yet) and groups.
 */
export interface PayloadDetailRow extends PayloadOutcomeRow {
  readonly payload_id: string;
  readonly request_id: string;
  readonly account: string | null;
  readonly org_id: string | null;
  readonly inventory_id: string | null;
  readonly system_id: string | null;
  readonly payload_created_at: string;
  readonly statuses: readonly PayloadStatusRow[];
  readonly groups: readonly PayloadGroupRow[];
}
