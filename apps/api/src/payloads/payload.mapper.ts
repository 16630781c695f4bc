import { VERBOSITY_FIELDS } from '@payload-tracker/api-contract';
import type { Verbosity } from '@payload-tracker/api-contract';
import { idFromDatabase, timestampFromDatabase, withoutNulls } from '../common/row-values';
import type { PayloadStatusDto } from './dto/payload-status.dto';
import type { PayloadDto } from './dto/payload.dto';
import type { PayloadRow, PayloadStatusRow } from './payload-rows';

/** A payload row as the API shows it. */
export function toPayloadDto(row: PayloadRow): PayloadDto {
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
