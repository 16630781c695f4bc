import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { DEFAULT_STATUS_SORT_FIELD, STATUS_SORT_FIELDS } from '@payload-tracker/api-contract';
import type { StatusSortField } from '@payload-tracker/api-contract';
import type { EpochMicros } from '@payload-tracker/status-lifecycle';
import { PageQueryDto } from '../../common/page-query.dto';
import { TextFilter, TimestampBound } from '../../common/query-decorators';
import { oneOfMessage } from '../../common/query-params';

/** Query parameters of `GET /statuses` (the contract's sorts and filters). */
export class ListStatusesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: STATUS_SORT_FIELDS, default: DEFAULT_STATUS_SORT_FIELD })
  @IsIn(STATUS_SORT_FIELDS, { message: oneOfMessage(STATUS_SORT_FIELDS) })
  sort_by: StatusSortField = DEFAULT_STATUS_SORT_FIELD;

  @TextFilter('Exact match, compared lower-cased')
  service?: string;

  @TextFilter('Exact match, compared lower-cased')
  source?: string;

  @TextFilter('Exact match, compared lower-cased')
  status?: string;

  @TextFilter('Exact match')
  status_msg?: string;

  @TextFilter('Exact match')
  request_id?: string;

  @TimestampBound('The status date earlier than')
  date_lt?: EpochMicros;

  @TimestampBound('The status date earlier than or equal to')
  date_lte?: EpochMicros;

  @TimestampBound('The status date later than')
  date_gt?: EpochMicros;

  @TimestampBound('The status date later than or equal to')
  date_gte?: EpochMicros;

  @TimestampBound('When the status was stored earlier than')
  created_at_lt?: EpochMicros;

  @TimestampBound('When the status was stored earlier than or equal to')
  created_at_lte?: EpochMicros;

  @TimestampBound('When the status was stored later than')
  created_at_gt?: EpochMicros;

  @TimestampBound('When the status was stored later than or equal to')
  created_at_gte?: EpochMicros;
}
