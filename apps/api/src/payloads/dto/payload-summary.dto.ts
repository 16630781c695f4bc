import { ApiProperty, OmitType } from '@nestjs/swagger';
import { PAYLOAD_STATE_FILTER_VALUES } from '@payload-tracker/api-contract';
import type { PayloadStateFilterValue } from '@payload-tracker/api-contract';
import { TIMESTAMP_EXAMPLE } from '../../common/query-params';
import { PayloadGroupDto } from './payload-group.dto';
import { PayloadOutcomeDto } from './payload-outcome.dto';

/**
 * `summary` of `GET /payloads/{request_id}`: the payload's outcome and its groups; the fields
 * of its latest status are always there.
 */
export class PayloadSummaryDto extends OmitType(PayloadOutcomeDto, [
  'state',
  'status_count',
  'last_status_at',
  'last_service',
  'last_status',
] as const) {
  @ApiProperty({
    enum: PAYLOAD_STATE_FILTER_VALUES,
    example: 'failed',
    description: "The payload's state, as in the rows of GET /payloads",
  })
  state!: PayloadStateFilterValue;

  @ApiProperty({ type: 'integer', example: 5, description: 'Distinct statuses stored' })
  status_count!: number;

  @ApiProperty({
    format: 'date-time',
    example: TIMESTAMP_EXAMPLE,
    description: 'The latest status date',
  })
  last_status_at!: string;

  @ApiProperty({ example: 'puptoo', description: 'Service of the latest status' })
  last_service!: string;

  @ApiProperty({ example: 'error', description: 'The latest status (ties: highest id)' })
  last_status!: string;

  @ApiProperty({
    type: [PayloadGroupDto],
    description: 'One entry per service:source group, ordered by first_at (then service:source)',
  })
  groups!: PayloadGroupDto[];
}
