import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import type { TransformFnParams } from 'class-transformer';
import { ArrayNotEmpty, IsArray, IsIn, IsOptional } from 'class-validator';
import {
  DEFAULT_PAYLOAD_SORT_FIELD,
  PAYLOAD_SORT_FIELDS,
  PAYLOAD_STATE_FILTER_VALUES,
  PAYLOAD_STATE_SEPARATOR,
} from '@payload-tracker/api-contract';
import type { PayloadSortField, PayloadStateFilterValue } from '@payload-tracker/api-contract';
import type { EpochMicros } from '@payload-tracker/status-lifecycle';
import { PageQueryDto } from '../../common/page-query.dto';
import { TextFilter, TimestampBound } from '../../common/query-decorators';
import { oneOfMessage } from '../../common/query-params';

const STATE_MESSAGE = `$property must be one or several (comma-separated) of: ${PAYLOAD_STATE_FILTER_VALUES.join(', ')}`;

/**
 * `failed,stalled` (or the parameter repeated) into its values, trimmed; anything else stays
 * as it is for the validator to refuse.
 */
function toStateList({ value }: TransformFnParams): unknown {
  const texts: unknown[] = Array.isArray(value) ? value : [value];
  if (!texts.every((text) => typeof text === 'string')) {
    return value;
  }
  return texts.flatMap((text) => text.split(PAYLOAD_STATE_SEPARATOR).map((part) => part.trim()));
}

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

  @ApiPropertyOptional({
    type: String,
    example: 'failed,stalled',
    description: `The payload's state, one or several comma-separated of: ${PAYLOAD_STATE_FILTER_VALUES.join(', ')}`,
  })
  @IsOptional()
  @Transform(toStateList)
  @IsArray({ message: STATE_MESSAGE })
  @ArrayNotEmpty({ message: STATE_MESSAGE })
  @IsIn(PAYLOAD_STATE_FILTER_VALUES, { each: true, message: STATE_MESSAGE })
  state?: PayloadStateFilterValue[];

  @TextFilter('Exact match, compared lower-cased: the service of the earliest failure')
  failed_service?: string;

  @TimestampBound('The latest status date earlier than')
  last_status_at_lt?: EpochMicros;

  @TimestampBound('The latest status date earlier than or equal to')
  last_status_at_lte?: EpochMicros;

  @TimestampBound('The latest status date later than')
  last_status_at_gt?: EpochMicros;

  @TimestampBound('The latest status date later than or equal to')
  last_status_at_gte?: EpochMicros;
}
