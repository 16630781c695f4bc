import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { StatusDto } from './status.dto';

/** Response of `GET /statuses`. */
export class StatusListDto {
  @ApiProperty({
    description: 'Rows matching the filters (at most 10000, see count_is_lower_bound)',
  })
  count!: number;

  @ApiPropertyOptional({ description: 'Present (true) when counting stopped at 10000' })
  count_is_lower_bound?: boolean;

  @ApiProperty({ description: 'Seconds spent answering' })
  elapsed!: number;

  @ApiProperty({ type: [StatusDto] })
  data!: StatusDto[];
}
