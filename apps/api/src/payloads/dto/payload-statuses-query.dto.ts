import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  DEFAULT_PAYLOAD_STATUS_SORT_FIELD,
  DEFAULT_SORT_DIRECTION,
  DEFAULT_VERBOSITY,
  PAYLOAD_STATUS_SORT_FIELDS,
  SORT_DIRECTIONS,
  VERBOSITY_FIELDS,
  VERBOSITY_LEVELS,
} from '@payload-tracker/api-contract';
import type {
  PayloadStatusSortField,
  SortDirection,
  Verbosity,
} from '@payload-tracker/api-contract';
import { Transform } from 'class-transformer';
import { IsIn } from 'class-validator';
import { oneOfMessage, toInteger } from '../../common/query-params';

/** Query parameters of `GET /payloads/{request_id}`. */
export class PayloadStatusesQueryDto {
  @ApiPropertyOptional({
    enum: PAYLOAD_STATUS_SORT_FIELDS,
    default: DEFAULT_PAYLOAD_STATUS_SORT_FIELD,
  })
  @IsIn(PAYLOAD_STATUS_SORT_FIELDS, { message: oneOfMessage(PAYLOAD_STATUS_SORT_FIELDS) })
  sort_by: PayloadStatusSortField = DEFAULT_PAYLOAD_STATUS_SORT_FIELD;

  @ApiPropertyOptional({
    enum: SORT_DIRECTIONS,
    default: DEFAULT_SORT_DIRECTION,
    description: 'Newest first by default: clients read data[0] as the latest status',
  })
  @IsIn(SORT_DIRECTIONS, { message: oneOfMessage(SORT_DIRECTIONS) })
  sort_dir: SortDirection = DEFAULT_SORT_DIRECTION;

  @ApiPropertyOptional({
    enum: VERBOSITY_LEVELS,
    type: 'integer',
    default: DEFAULT_VERBOSITY,
    description: `0: every field; 1: ${VERBOSITY_FIELDS[1].join(', ')}; 2: ${VERBOSITY_FIELDS[2].join(', ')}`,
  })
  @Transform(toInteger)
  @IsIn(VERBOSITY_LEVELS, { message: oneOfMessage(VERBOSITY_LEVELS) })
  verbosity: Verbosity = DEFAULT_VERBOSITY;
}
