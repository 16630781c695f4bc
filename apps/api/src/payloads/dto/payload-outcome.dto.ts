import { ApiPropertyOptional } from '@nestjs/swagger';
import { PAYLOAD_STATE_FILTER_VALUES } from '@payload-tracker/api-contract';
import type { PayloadStateFilterValue } from '@payload-tracker/api-contract';
import { TIMESTAMP_EXAMPLE } from '../../common/query-params';

const FAILED_AT_EXAMPLE = '2026-11-28T10:00:03.250000Z';

/**
 * What a payload's statuses add up to (outcomes.md); absent values are left out, and every
 * field is absent for a payload without an outcome.
 */
export class PayloadOutcomeDto {
  @ApiPropertyOptional({
    enum: PAYLOAD_STATE_FILTER_VALUES,
    example: 'failed',
    description:
      "failed if any service:source group failed; else succeeded if every group succeeded (every service that has reported so far finished successfully: a later 'received' from another service makes it in_progress again); else in_progress, or stalled when its latest status is older than STALLED_AFTER_MINUTES by the database's clock",
  })
  state?: PayloadStateFilterValue;

  @ApiPropertyOptional({ type: 'integer', example: 5, description: 'Distinct statuses stored' })
  status_count?: number;

  @ApiPropertyOptional({
    format: 'date-time',
    example: TIMESTAMP_EXAMPLE,
    description: 'The latest status date',
  })
  last_status_at?: string;

  @ApiPropertyOptional({ example: 'puptoo', description: 'Service of the latest status' })
  last_service?: string;

  @ApiPropertyOptional({
    example: 'client',
    description: 'Source of the latest status (absent when it had none)',
  })
  last_source?: string;

  @ApiPropertyOptional({ example: 'error', description: 'The latest status (ties: highest id)' })
  last_status?: string;

  @ApiPropertyOptional({
    example: 'puptoo',
    description: 'When failed: service of the earliest failing status by date (the root cause)',
  })
  failed_service?: string;

  @ApiPropertyOptional({ example: 'client', description: 'When failed and it had a source' })
  failed_source?: string;

  @ApiPropertyOptional({ example: 'error', description: 'When failed: the failing status' })
  failed_status?: string;

  @ApiPropertyOptional({
    example: 'puptoo: the archive is not a valid tarball',
    description: 'When failed and the failing status had a message',
  })
  failed_status_msg?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    example: FAILED_AT_EXAMPLE,
    description: 'When failed: date of the earliest failing status',
  })
  failed_at?: string;
}
