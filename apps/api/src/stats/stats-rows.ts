/** A `service:source` as the service stats statement returns it. */
export interface ServiceStatsRow {
  readonly service: string;
  readonly source: string | null;
  readonly succeeded: number;
  readonly failed: number;
  readonly in_progress: number;
  readonly stalled: number;
  /**
   * The summed histogram of the durations of the groups that closed in the window, sparse:
   * the bins that have groups, ascending, and their counts; `null`: none.
   */
  readonly duration_bins: number[] | null;
  readonly duration_bin_counts: number[] | null;
  readonly failure_request_id: string | null;
  readonly failure_status: string | null;
  readonly failure_status_msg: string | null;
  readonly failure_date: string | null;
}

/** Payload totals of a window. */
export interface StateTotalsRow {
  readonly succeeded: number;
  readonly failed: number;
  readonly in_progress: number;
  readonly stalled: number;
}

/** What the payload gauges show (int8 as text). */
export interface PayloadStateGaugesRow {
  readonly succeeded: string;
  readonly failed: string;
  readonly in_progress: string;
  readonly stalled: string;
}

/** Stalled payloads of one `service:source` (int8 as text). */
export interface StalledByServiceRow {
  readonly service: string;
  readonly source: string | null;
  readonly stalled: string;
}
