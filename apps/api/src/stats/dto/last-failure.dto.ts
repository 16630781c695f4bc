import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { TIMESTAMP_EXAMPLE } from '../../common/query-params';

/** The latest group failure of a `service:source` in the window. */
export class LastFailureDto {
  @ApiProperty({ example: '0123456789abcdef0123456789abcdef' })
  request_id!: string;

  @ApiProperty({ description: 'The failing status', example: 'error' })
  status!: string;

  @ApiPropertyOptional({ example: 'hostmissing' })
  status_msg?: string;

  @ApiProperty({
    format: 'date-time',
    example: TIMESTAMP_EXAMPLE,
    description: "Date of the group's earliest failing status",
  })
  date!: string;
}
