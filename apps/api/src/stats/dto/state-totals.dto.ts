import { ApiProperty } from '@nestjs/swagger';

/** Payloads created in the window, by their state now. */
export class StateTotalsDto {
  @ApiProperty({ example: 950 })
  succeeded!: number;

  @ApiProperty({ example: 30 })
  failed!: number;

  @ApiProperty({ example: 15 })
  in_progress!: number;

  @ApiProperty({ example: 5 })
  stalled!: number;
}
