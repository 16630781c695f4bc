import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TIMESTAMP_EXAMPLE } from '../../common/query-params';
import { PayloadOutcomeDto } from './payload-outcome.dto';

/** One payload in `GET /payloads`, with its outcome; absent values are left out. */
export class PayloadDto extends PayloadOutcomeDto {
  @ApiProperty({ description: "The payload's internal id" })
  id!: number;

  @ApiProperty()
  request_id!: string;

  @ApiPropertyOptional()
  account?: string;

  @ApiPropertyOptional()
  org_id?: string;

  @ApiPropertyOptional()
  inventory_id?: string;

  @ApiPropertyOptional()
  system_id?: string;

  @ApiProperty({
    format: 'date-time',
    example: TIMESTAMP_EXAMPLE,
    description: 'Earliest status date seen',
  })
  created_at!: string;
}
