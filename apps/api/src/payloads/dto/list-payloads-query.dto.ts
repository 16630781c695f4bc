import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { DEFAULT_PAYLOAD_SORT_FIELD, PAYLOAD_SORT_FIELDS } from '@payload-tracker/api-contract';
import type { PayloadSortField } from '@payload-tracker/api-contract';
import type { EpochMicros } from '@payload-tracker/status-lifecycle';
import { PageQueryDto } from '../../common/page-query.dto';
import { TextFilter, TimestampBound } from '../../common/query-decorators';
import { oneOfMessage } from '../../common/query-params';

/** Query parameters of `GET /payloads` (the contract's sorts and filters). */
export class ListPayloadsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PAYLOAD_SORT_FIELDS, default: DEFAULT_PAYLOAD_SORT_FIELD })
  @IsIn(PAYLOAD_SORT_FIELDS, { message: oneOfMessage(PAYLOAD_SORT_FIELDS) })
  sort_by: PayloadSortField = DEFAULT_PAYLOAD_SORT_FIELD;

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
