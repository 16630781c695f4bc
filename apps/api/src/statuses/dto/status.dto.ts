import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TIMESTAMP_EXAMPLE } from '../../common/query-params';

/** One status in `GET /statuses`; absent values are left out. */
export class StatusDto {
  @ApiProperty({ description: "The status row's id" })
  id!: number;

  @ApiProperty()
  request_id!: string;

  @ApiProperty()
  service!: string;

  @ApiPropertyOptional()
  source?: string;

  @ApiProperty()
  status!: string;

  @ApiPropertyOptional()
  status_msg?: string;

  @ApiProperty({ format: 'date-time', example: TIMESTAMP_EXAMPLE, description: 'When it happened' })
  date!: string;

  @ApiProperty({
    format: 'date-time',
    example: TIMESTAMP_EXAMPLE,
    description: 'When it was stored',
  })
  created_at!: string;
}
