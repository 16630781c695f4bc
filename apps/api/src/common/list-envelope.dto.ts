import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COUNT_LIMIT } from '@payload-tracker/api-contract';

/** The fields every list response shares (api contract, "List responses"); subclasses add `data`. */
export class ListEnvelopeDto {
  @ApiProperty({
    description: `Rows matching the filters (at most ${COUNT_LIMIT.toString()}, see count_is_lower_bound)`,
  })
  count!: number;

  @ApiPropertyOptional({
    description: `Present (true) when counting stopped at ${COUNT_LIMIT.toString()}`,
  })
  count_is_lower_bound?: boolean;

  @ApiProperty({ description: 'Seconds spent answering' })
  elapsed!: number;
}
