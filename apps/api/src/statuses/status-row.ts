/** A status as the list statement returns it. */
export interface StatusRow {
  readonly id: string;
  readonly request_id: string;
  readonly service: string;
  readonly source: string | null;
  readonly status: string;
  readonly status_msg: string | null;
  readonly date: string;
  readonly created_at: string;
}
