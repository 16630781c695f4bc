import { ApiPropertyOptional } from '@nestjs/swagger';
import { TIMESTAMP_EXAMPLE } from '../../common/query-params';

/**
 * One status of a payload. Verbosity 0 carries every field; 1 only service, status,
 * inventory_id, date, status_msg; 2 only service, status, date. Absent values are left out.
 */
export class PayloadStatusDto {
  @ApiPropertyOptional({ description: "The status row's id (verbosity 0)" })
  id?: number;

  @ApiPropertyOptional({ description: 'verbosity 0' })
  request_id?: string;

  @ApiPropertyOptional({ description: 'verbosity 0' })
  account?: string;

  @ApiPropertyOptional({ description: 'verbosity 0' })
  org_id?: string;

  @ApiPropertyOptional({ description: 'verbosity 0 and 1' })
  inventory_id?: string;

  @ApiPropertyOptional({ description: 'verbosity 0' })
  system_id?: string;

  @ApiPropertyOptional({ description: 'every verbosity' })
  service?: string;

  @ApiPropertyOptional({ description: 'verbosity 0' })
  source?: string;

  @ApiPropertyOptional({ description: 'every verbosity' })
  status?: string;

  @ApiPropertyOptional({ description: 'verbosity 0 and 1' })
  status_msg?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    example: TIMESTAMP_EXAMPLE,
    description: 'every verbosity',
  })
  date?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    example: TIMESTAMP_EXAMPLE,
    description: 'verbosity 0',
  })
  created_at?: string;
}
