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

/** First and last status date of a payload (NULL when it has none). */
export interface PayloadTimeSpanRow {
  readonly first_date: string | null;
  readonly last_date: string | null;
}

/**
 * A row of the one-payload statement: the payload's columns, then one status (all NULL when
 * the payload has no status yet).
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
