import type { EpochMicros } from '@payload-tracker/status-lifecycle';

import { TimestampBound } from '../../common/query-decorators';

/** Query parameters of `GET /stats/services`. */
export class ServiceStatsQueryDto {
  @TimestampBound(
    'Start of the window (rounded down to the minute); default one hour before until; no earlier than RETENTION_DAYS ago',
  )
  since?: EpochMicros;

  @TimestampBound(
    'End of the window, exclusive (rounded up to the minute); default now (the database clock); the window is at most RETENTION_DAYS long',
  )
  until?: EpochMicros;
}
