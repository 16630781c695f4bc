import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The fields every list response shares (api contract, "List responses"); subclasses add `data`. */
export class ListEnvelopeDto {
  @ApiProperty({
    description: 'Rows matching the filters (at most 10000, see count_is_lower_bound)',
  })
  count!: number;

  @ApiPropertyOptional({ description: 'Present (true) when counting stopped at 10000' })
  count_is_lower_bound?: boolean;

  @ApiProperty({ description: 'Seconds spent answering' })
  elapsed!: number;
}
