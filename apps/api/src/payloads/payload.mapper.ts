import { idFromDatabase, timestampFromDatabase, withoutNulls } from '../common/row-values';
import type { PayloadStatusDto } from './dto/payload-status.dto';
import type { Verbosity } from './dto/payload-statuses-query.dto';
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

/** One status of `payload` with the fields of the requested verbosity. */
export function toPayloadStatusDto(
  payload: PayloadRow,
  row: PayloadStatusRow,
  verbosity: Verbosity,
): PayloadStatusDto {
  const date = timestampFromDatabase(row.date);
  switch (verbosity) {
    case 0:
      return withoutNulls({
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
        date,
        created_at: timestampFromDatabase(row.created_at),
      });
    case 1:
      return withoutNulls({
        service: row.service,
        status: row.status,
        inventory_id: payload.inventory_id,
        date,
        status_msg: row.status_msg,
      });
    case 2:
      return { service: row.service, status: row.status, date };
  }
}
