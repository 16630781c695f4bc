import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString } from 'class-validator';
import type { EpochMicros } from '@payload-tracker/status-lifecycle';
import { PageQueryDto } from '../../common/page-query.dto';
import {
  IsEpochMicros,
  SINGLE_TEXT_MESSAGE,
  TIMESTAMP_EXAMPLE,
  oneOfMessage,
  toEpochMicros,
} from '../../common/query-params';

/** Allowed `sort_by` values of `GET /statuses`. */
export const STATUS_SORT_FIELDS = [
  'service',
  'source',
  'request_id',
  'status',
  'status_msg',
  'date',
  'created_at',
] as const;
export type StatusSortField = (typeof STATUS_SORT_FIELDS)[number];

const TIMESTAMP_PARAMETER = {
  type: String,
  format: 'date-time',
  example: TIMESTAMP_EXAMPLE,
} as const;

/** Query parameters of `GET /statuses`. */
export class ListStatusesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: STATUS_SORT_FIELDS, default: 'date' })
  @IsIn(STATUS_SORT_FIELDS, { message: oneOfMessage(STATUS_SORT_FIELDS) })
  sort_by: StatusSortField = 'date';

  @ApiPropertyOptional({ description: 'Exact match, compared lower-cased' })
  @IsOptional()
  @IsString({ message: SINGLE_TEXT_MESSAGE })
  service?: string;

  @ApiPropertyOptional({ description: 'Exact match, compared lower-cased' })
  @IsOptional()
  @IsString({ message: SINGLE_TEXT_MESSAGE })
  source?: string;

  @ApiPropertyOptional({ description: 'Exact match, compared lower-cased' })
  @IsOptional()
  @IsString({ message: SINGLE_TEXT_MESSAGE })
  status?: string;

  @ApiPropertyOptional({ description: 'Exact match' })
  @IsOptional()
  @IsString({ message: SINGLE_TEXT_MESSAGE })
  status_msg?: string;

  @ApiPropertyOptional({ description: 'Exact match' })
  @IsOptional()
  @IsString({ message: SINGLE_TEXT_MESSAGE })
  request_id?: string;

  @ApiPropertyOptional({ ...TIMESTAMP_PARAMETER, description: 'The status date earlier than' })
  @IsOptional()
  @Transform(toEpochMicros)
  @IsEpochMicros()
  date_lt?: EpochMicros;

  @ApiPropertyOptional({
    ...TIMESTAMP_PARAMETER,
    description: 'The status date earlier than or equal to',
  })
  @IsOptional()
  @Transform(toEpochMicros)
  @IsEpochMicros()
  date_lte?: EpochMicros;

  @ApiPropertyOptional({ ...TIMESTAMP_PARAMETER, description: 'The status date later than' })
  @IsOptional()
  @Transform(toEpochMicros)
  @IsEpochMicros()
  date_gt?: EpochMicros;

  @ApiPropertyOptional({
    ...TIMESTAMP_PARAMETER,
    description: 'The status date later than or equal to',
  })
  @IsOptional()
  @Transform(toEpochMicros)
  @IsEpochMicros()
  date_gte?: EpochMicros;

  @ApiPropertyOptional({
    ...TIMESTAMP_PARAMETER,
    description: 'When the status was stored earlier than',
  })
  @IsOptional()
  @Transform(toEpochMicros)
  @IsEpochMicros()
  created_at_lt?: EpochMicros;

  @ApiPropertyOptional({
    ...TIMESTAMP_PARAMETER,
    description: 'When the status was stored earlier than or equal to',
  })
  @IsOptional()
  @Transform(toEpochMicros)
  @IsEpochMicros()
  created_at_lte?: EpochMicros;

  @ApiPropertyOptional({
    ...TIMESTAMP_PARAMETER,
    description: 'When the status was stored later than',
  })
  @IsOptional()
  @Transform(toEpochMicros)
  @IsEpochMicros()
  created_at_gt?: EpochMicros;

  @ApiPropertyOptional({
    ...TIMESTAMP_PARAMETER,
    description: 'When the status was stored later than or equal to',
  })
  @IsOptional()
  @Transform(toEpochMicros)
  @IsEpochMicros()
  created_at_gte?: EpochMicros;
}
