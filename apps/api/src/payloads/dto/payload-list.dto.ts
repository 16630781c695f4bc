import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PayloadDto } from './payload.dto';

/** Response of `GET /payloads`. */
export class PayloadListDto {
  @ApiProperty({
    description: 'Rows matching the filters (at most 10000, see count_is_lower_bound)',
  })
  count!: number;

  @ApiPropertyOptional({ description: 'Present (true) when counting stopped at 10000' })
  count_is_lower_bound?: boolean;

  @ApiProperty({ description: 'Seconds spent answering' })
  elapsed!: number;

  @ApiProperty({ type: [PayloadDto] })
  data!: PayloadDto[];
}
