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
