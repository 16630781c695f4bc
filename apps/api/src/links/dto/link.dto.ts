import { ApiProperty } from '@nestjs/swagger';

/** A link to somewhere else. */
export class LinkDto {
  @ApiProperty({ format: 'uri' })
  url!: string;
}
