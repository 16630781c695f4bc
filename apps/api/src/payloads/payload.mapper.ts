import { PAYLOAD_STATE_FILTER_VALUES, VERBOSITY_FIELDS } from '@payload-tracker/api-contract';
import type { PayloadStateFilterValue, Verbosity } from '@payload-tracker/api-contract';
import {
  GROUP_STATES,
  formatDuration,
  groupKey,
  parseTimestamp,
} from '@payload-tracker/status-lifecycle';
import type { EpochMicros, GroupState } from '@payload-tracker/status-lifecycle';
import { idFromDatabase, timestampFromDatabase, withoutNulls } from '../common/row-values';
import type { PayloadGroupDto } from './dto/payload-group.dto';
import type { PayloadOutcomeDto } from './dto/payload-outcome.dto';
import type { PayloadStatusDto } from './dto/payload-status.dto';
import type { PayloadSummaryDto } from './dto/payload-summary.dto';
import type { PayloadDto } from './dto/payload.dto';
import type {
  PayloadGroupRow,
  PayloadListRow,
  PayloadOutcomeRow,
  PayloadRow,
  PayloadStatusRow,
  PayloadSummaryRow,
} from './payload-rows';

function isPayloadState(text: string): text is PayloadStateFilterValue {
  return (PAYLOAD_STATE_FILTER_VALUES as readonly string[]).includes(text);
}

function stateFromDatabase(text: string | null): PayloadStateFilterValue | null {
  if (text === null) {
    return null;
  }
  if (!isPayloadState(text)) {
    throw new Error(`Unexpected payload state from the database: ${text}`);
  }
  return text;
}

function optionalTimestamp(text: string | null): string | null {
  return text === null ? null : timestampFromDatabase(text);
}

function microsFromDatabase(text: string): EpochMicros {
  const micros = parseTimestamp(text);
  if (micros === null) {
    throw new Error(`Unexpected timestamp text from the database: ${text}`);
  }
  return micros;
}

/** A payload's outcome columns as the API shows them (none when it has no outcome). */
export function toPayloadOutcomeDto(row: PayloadOutcomeRow): PayloadOutcomeDto {
  return withoutNulls({
    state: stateFromDatabase(row.state),
    status_count: row.status_count,
    last_status_at: optionalTimestamp(row.last_status_at),
    last_service: row.last_service,
    last_source: row.last_source,
    last_status: row.last_status,
    failed_service: row.failed_service,
    failed_source: row.failed_source,
    failed_status: row.failed_status,
    failed_status_msg: row.failed_status_msg,
    failed_at: optionalTimestamp(row.failed_at),
  });
}

/** The stage of a group from its counts, by the rule of `classifyGroup`: failure wins. */
function groupStateOf(group: PayloadGroupRow): GroupState {
  if (group.failure_count > 0) {
    return GROUP_STATES.failed;
  }
  return group.success_count > 0 ? GROUP_STATES.succeeded : GROUP_STATES.inProgress;
}

/** A payload's groups ordered by their first status, then by `service:source`. */
function toPayloadGroupDtos(groups: readonly PayloadGroupRow[]): PayloadGroupDto[] {
  return groups
    .map((group) => ({
      group,
      firstAt: microsFromDatabase(group.first_at),
      lastAt: microsFromDatabase(group.last_at),
      key: groupKey(group.service, group.source),
    }))
    .sort((a, b) => {
      if (a.firstAt !== b.firstAt) {
        return a.firstAt < b.firstAt ? -1 : 1;
      }
      return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    })
    .map(({ group, firstAt, lastAt }) => ({
      service: group.service,
      ...withoutNulls({ source: group.source }),
      state: groupStateOf(group),
      first_at: timestampFromDatabase(group.first_at),
      last_at: timestampFromDatabase(group.last_at),
      duration: formatDuration(lastAt - firstAt),
      status_count: group.status_count,
    }));
}

/** The `summary` of one payload. */
export function toPayloadSummaryDto(row: PayloadSummaryRow): PayloadSummaryDto {
  const outcome = toPayloadOutcomeDto(row);
  const { state, status_count, last_status_at, last_service, last_status } = outcome;
  if (
    state === undefined ||
    status_count === undefined ||
    last_status_at === undefined ||
    last_service === undefined ||
    last_status === undefined
  ) {
    throw new Error('An outcome row without its latest status');
  }
  return {
    ...outcome,
    state,
    status_count,
    last_status_at,
    last_service,
    last_status,
    groups: toPayloadGroupDtos(row.groups),
  };
}

/** A payload row as the API shows it, with its outcome when it has one. */
export function toPayloadDto(row: PayloadListRow): PayloadDto {
  return {
    ...toPayloadBaseFields(row),
    ...toPayloadOutcomeDto(row),
  };
}

function toPayloadBaseFields(row: PayloadRow): PayloadDto {
  return {
    id: idFromDatabase(row.id),
    request_id: row.request_id,
    ...withoutNulls({
      account: row.account,
      org_id: row.org_id,
      inventory_id: row.inventory_id,
      system_id: row.system_id,
    }),
    created_at: timestampFromDatabase(row.created_at),
  };
}

/** The present ones among `fields` of `source`, in the order of `fields`. */
function pick<Source extends object, Field extends keyof Source>(
  source: Source,
  fields: readonly Field[],
): Partial<Pick<Source, Field>> {
  const picked: Partial<Pick<Source, Field>> = {};
  for (const field of fields) {
    if (source[field] !== undefined) {
      picked[field] = source[field];
    }
  }
  return picked;
}

/** One status of `payload` with the fields of the requested verbosity, in the contract's order. */
export function toPayloadStatusDto(
  payload: PayloadRow,
  row: PayloadStatusRow,
  verbosity: Verbosity,
): PayloadStatusDto {
  const everyField: PayloadStatusDto = withoutNulls({
    id: idFromDatabase(row.id),
    request_id: payload.request_id,
    account: payload.account,
    org_id: payload.org_id,
    inventory_id: payload.inventory_id,
    system_id: payload.system_id,
    service: row.service,
    source: row.source,
    status: row.status,
    status_msg: row.status_msg,
    date: timestampFromDatabase(row.date),
    created_at: timestampFromDatabase(row.created_at),
  });
  return pick(everyField, VERBOSITY_FIELDS[verbosity]);
}
