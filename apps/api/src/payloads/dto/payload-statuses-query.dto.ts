import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn } from 'class-validator';
import { SORT_DIRECTIONS, oneOfMessage, toInteger } from '../../common/query-params';
import type { SortDirection } from '../../common/query-params';

/** Allowed `sort_by` values of `GET /payloads/{request_id}`. */
export const PAYLOAD_STATUS_SORT_FIELDS = [
  'service',
  'source',
  'status',
  'status_msg',
  'date',
  'created_at',
] as const;
export type PayloadStatusSortField = (typeof PAYLOAD_STATUS_SORT_FIELDS)[number];

/** Allowed `verbosity` values: 0 every field, 1 the track-page fields, 2 the bare minimum. */
export const VERBOSITY_LEVELS = [0, 1, 2] as const;
export type Verbosity = (typeof VERBOSITY_LEVELS)[number];

/** Query parameters of `GET /payloads/{request_id}`. */
export class PayloadStatusesQueryDto {
  @ApiPropertyOptional({ enum: PAYLOAD_STATUS_SORT_FIELDS, default: 'date' })
  @IsIn(PAYLOAD_STATUS_SORT_FIELDS, { message: oneOfMessage(PAYLOAD_STATUS_SORT_FIELDS) })
  sort_by: PayloadStatusSortField = 'date';

  @ApiPropertyOptional({
    enum: SORT_DIRECTIONS,
    default: 'desc',
    description: 'Newest first by default: clients read data[0] as the latest status',
  })
  @IsIn(SORT_DIRECTIONS, { message: oneOfMessage(SORT_DIRECTIONS) })
  sort_dir: SortDirection = 'desc';

  @ApiPropertyOptional({
    enum: VERBOSITY_LEVELS,
    type: 'integer',
    default: 0,
    description:
      '0: every field; 1: service, status, inventory_id, date, status_msg; 2: service, status, date',
  })
  @Transform(toInteger)
  @IsIn(VERBOSITY_LEVELS, { message: oneOfMessage(VERBOSITY_LEVELS) })
  verbosity: Verbosity = 0;
}
