import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import type { EpochMicros } from '@payload-tracker/status-lifecycle';
import { PageQueryDto } from '../../common/page-query.dto';
import { TextFilter, TimestampBound } from '../../common/query-decorators';
import { oneOfMessage } from '../../common/query-params';

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

/** Query parameters of `GET /payloads`. */
export class ListPayloadsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PAYLOAD_SORT_FIELDS, default: 'created_at' })
  @IsIn(PAYLOAD_SORT_FIELDS, { message: oneOfMessage(PAYLOAD_SORT_FIELDS) })
  sort_by: PayloadSortField = 'created_at';

  @TextFilter('Exact match')
  request_id?: string;

  @TextFilter('Exact match')
  account?: string;

  @TextFilter('Exact match')
  org_id?: string;

  @TextFilter('Exact match')
  inventory_id?: string;

  @TextFilter('Exact match')
  system_id?: string;

  @TimestampBound('created_at earlier than')
  created_at_lt?: EpochMicros;

  @TimestampBound('created_at earlier than or equal to')
  created_at_lte?: EpochMicros;

  @TimestampBound('created_at later than')
  created_at_gt?: EpochMicros;

  @TimestampBound('created_at later than or equal to')
  created_at_gte?: EpochMicros;
}
