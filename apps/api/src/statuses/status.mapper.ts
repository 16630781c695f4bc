import { idFromDatabase, timestampFromDatabase, withoutNulls } from '../common/row-values';
import type { StatusDto } from './dto/status.dto';
import type { StatusRow } from './status-row';

/** A status row as the API shows it. */
export function toStatusDto(row: StatusRow): StatusDto {
  return {
    id: idFromDatabase(row.id),
    request_id: row.request_id,
    service: row.service,
    ...withoutNulls({ source: row.source }),
    status: row.status,
    ...withoutNulls({ status_msg: row.status_msg }),
    date: timestampFromDatabase(row.date),
    created_at: timestampFromDatabase(row.created_at),
  };
}
