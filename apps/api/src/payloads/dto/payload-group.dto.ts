import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GROUP_STATES } from '@payload-tracker/status-lifecycle';
import type { GroupState } from '@payload-tracker/status-lifecycle';
import { TIMESTAMP_EXAMPLE } from '../../common/query-params';

/** One `service:source` group of a payload's statuses, in `summary.groups`. */
export class PayloadGroupDto {
  @ApiProperty({ example: 'puptoo' })
  service!: string;

  @ApiPropertyOptional({ example: 'client', description: 'Absent when the statuses had none' })
  source?: string;

  @ApiProperty({
    enum: Object.values(GROUP_STATES),
    example: 'succeeded',
    description:
      'failed if any status is error, failed or processing_error; else succeeded if one is success; else in_progress (a group is never stalled)',
  })
  state!: GroupState;

  @ApiProperty({
    format: 'date-time',
    example: TIMESTAMP_EXAMPLE,
    description: 'Earliest status date',
  })
  first_at!: string;

  @ApiProperty({
    format: 'date-time',
    example: '2026-11-28T10:00:05.748456Z',
    description: 'Latest status date',
  })
  last_at!: string;

  @ApiProperty({
    example: '00:00:05.625000',
    description: 'last_at - first_at, HH:MM:SS.ffffff',
  })
  duration!: string;

  @ApiProperty({ type: 'integer', example: 2, description: 'Distinct statuses in the group' })
  status_count!: number;
}
