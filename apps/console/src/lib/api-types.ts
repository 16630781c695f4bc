import type { PayloadStateFilterValue } from '@payload-tracker/api-contract';
import type { GroupState } from '@payload-tracker/status-lifecycle';

/*
 * Response shapes the console reads, as the API's OpenAPI document defines them (the api's DTOs
 * are decorated Nest classes and cannot reach a browser bundle). Absent values are left out.
 */

/** The outcome fields of a payload (`GET /payloads` rows and the `summary`). */
export interface PayloadOutcome {
  readonly state?: PayloadStateFilterValue;
  readonly status_count?: number;
  readonly last_status_at?: string;
  readonly last_service?: string;
  readonly last_source?: string;
  readonly last_status?: string;
  readonly failed_service?: string;
  readonly failed_source?: string;
  readonly failed_status?: string;
  readonly failed_status_msg?: string;
  readonly failed_at?: string;
}

/** A row of `GET /payloads`. */
export interface PayloadRow extends PayloadOutcome {
  readonly id: number;
  readonly request_id: string;
  readonly account?: string;
  readonly org_id?: string;
  readonly inventory_id?: string;
  readonly system_id?: string;
  readonly created_at: string;
}

/** `GET /payloads`. */
export interface PayloadList {
  readonly count: number;
  readonly count_is_lower_bound?: boolean;
  readonly elapsed: number;
  readonly data: PayloadRow[];
}

/** A status of `GET /payloads/{request_id}` at verbosity 0. */
export interface StatusRow {
  readonly id: number;
  readonly request_id: string;
  readonly account?: string;
  readonly org_id?: string;
  readonly inventory_id?: string;
  readonly system_id?: string;
  readonly service: string;
  readonly source?: string;
  readonly status: string;
  readonly status_msg?: string;
  readonly date: string;
  readonly created_at: string;
}

/** One `service:source` group of `summary.groups`. */
export interface GroupRow {
  readonly service: string;
  readonly source?: string;
  readonly state: GroupState;
  readonly first_at: string;
  readonly last_at: string;
  readonly duration: string;
  readonly status_count: number;
}

/** `summary` of `GET /payloads/{request_id}`. */
export interface PayloadSummary extends PayloadOutcome {
  readonly state: PayloadStateFilterValue;
  readonly groups: GroupRow[];
}

/** `GET /payloads/{request_id}`. */
export interface PayloadStatuses {
  readonly data: StatusRow[];
  readonly duration: Readonly<Record<string, string>>;
  readonly summary?: PayloadSummary;
}

/** One event of `GET /payloads/{request_id}/events`: the new status and the new summary. */
export interface StatusEvent extends StatusRow {
  readonly summary: PayloadSummary;
}

/** `last_failure` of a service's stats. */
export interface LastFailure {
  readonly request_id: string;
  readonly status: string;
  readonly status_msg?: string;
  readonly date: string;
}

/** One entry of `GET /stats/services`. */
export interface ServiceStatsRow {
  readonly service: string;
  readonly source?: string;
  readonly payloads: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly in_progress: number;
  readonly stalled: number;
  readonly success_rate?: number;
  readonly duration_p50?: string;
  readonly duration_p95?: string;
  readonly duration_p99?: string;
  readonly last_failure?: LastFailure;
}

/** `GET /stats/services`. */
export interface ServiceStats {
  readonly since: string;
  readonly until: string;
  readonly services: ServiceStatsRow[];
  readonly totals: Readonly<Record<PayloadStateFilterValue, number>>;
}

/** `GET /payloads/{request_id}/kibanaLink` and `.../archiveLink`. */
export interface Link {
  readonly url: string;
}
