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

/** Allowed `sort_by` values of `GET /payloads`. */
export const PAYLOAD_SORT_FIELDS = [
  'account',
  'org_id',
  'inventory_id',
  'system_id',
  'request_id',
  'created_at',
] as const;
export type PayloadSortField = (typeof PAYLOAD_SORT_FIELDS)[number];

const TIMESTAMP_PARAMETER = {
  type: String,
  format: 'date-time',
  example: TIMESTAMP_EXAMPLE,
} as const;

/** Query parameters of `GET /payloads`. */
export class ListPayloadsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PAYLOAD_SORT_FIELDS, default: 'created_at' })
  @IsIn(PAYLOAD_SORT_FIELDS, { message: oneOfMessage(PAYLOAD_SORT_FIELDS) })
  sort_by: PayloadSortField = 'created_at';

  @ApiPropertyOptional({ description: 'Exact match' })
  @IsOptional()
  @IsString({ message: SINGLE_TEXT_MESSAGE })
  request_id?: string;

  @ApiPropertyOptional({ description: 'Exact match' })
  @IsOptional()
  @IsString({ message: SINGLE_TEXT_MESSAGE })
  account?: string;

  @ApiPropertyOptional({ description: 'Exact match' })
  @IsOptional()
  @IsString({ message: SINGLE_TEXT_MESSAGE })
  org_id?: string;

  @ApiPropertyOptional({ description: 'Exact match' })
  @IsOptional()
  @IsString({ message: SINGLE_TEXT_MESSAGE })
  inventory_id?: string;

  @ApiPropertyOptional({ description: 'Exact match' })
  @IsOptional()
  @IsString({ message: SINGLE_TEXT_MESSAGE })
  system_id?: string;

  @ApiPropertyOptional({ ...TIMESTAMP_PARAMETER, description: 'created_at earlier than' })
  @IsOptional()
  @Transform(toEpochMicros)
  @IsEpochMicros()
  created_at_lt?: EpochMicros;

  @ApiPropertyOptional({
    ...TIMESTAMP_PARAMETER,
    description: 'created_at earlier than or equal to',
  })
  @IsOptional()
  @Transform(toEpochMicros)
  @IsEpochMicros()
  created_at_lte?: EpochMicros;

  @ApiPropertyOptional({ ...TIMESTAMP_PARAMETER, description: 'created_at later than' })
  @IsOptional()
  @Transform(toEpochMicros)
  @IsEpochMicros()
  created_at_gt?: EpochMicros;

  @ApiPropertyOptional({ ...TIMESTAMP_PARAMETER, description: 'created_at later than or equal to' })
  @IsOptional()
  @Transform(toEpochMicros)
  @IsEpochMicros()
  created_at_gte?: EpochMicros;
}
