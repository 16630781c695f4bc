import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { LastFailureDto } from './last-failure.dto';

const PERCENTILE_DESCRIPTION =
  'of the groups that closed (succeeded or failed) in the window, HH:MM:SS.ffffff; at most this long: the upper bound of a histogram bin 18 % wide (from 1 ms)';

/** One `service:source` that had a group start or close in the window. */
export class ServiceStatsEntryDto {
  @ApiProperty({ example: 'inventory' })
  service!: string;

  @ApiPropertyOptional({ description: 'Absent when the statuses had no source', example: 'client' })
  source?: string;

  @ApiProperty({
    description: 'Groups that started in the window: succeeded + failed + in_progress + stalled',
    example: 120,
  })
  payloads!: number;

  @ApiProperty({ description: 'Of those, succeeded', example: 100 })
  succeeded!: number;

  @ApiProperty({ description: 'Of those, failed (failure wins over success)', example: 15 })
  failed!: number;

  @ApiProperty({ description: 'Of those, still open with a recent status', example: 4 })
  in_progress!: number;

  @ApiProperty({
    description: 'Of those, still open with no status for STALLED_AFTER_MINUTES',
    example: 1,
  })
  stalled!: number;

  @ApiPropertyOptional({
    description: 'succeeded / (succeeded + failed); absent when both are 0',
    example: 0.8695652173913043,
  })
  success_rate?: number;

  @ApiPropertyOptional({
    description: `Median duration ${PERCENTILE_DESCRIPTION}`,
    example: '00:00:01.214000',
  })
  duration_p50?: string;

  @ApiPropertyOptional({
    description: `95th percentile ${PERCENTILE_DESCRIPTION}`,
    example: '00:00:08.071000',
  })
  duration_p95?: string;

  @ApiPropertyOptional({
    description: `99th percentile ${PERCENTILE_DESCRIPTION}`,
    example: '00:00:15.772000',
  })
  duration_p99?: string;

  @ApiPropertyOptional({
    type: LastFailureDto,
    description: 'The latest group failure in the window; absent when none',
  })
  last_failure?: LastFailureDto;
}
