import { ApiProperty } from '@nestjs/swagger';

/** The body of every error response. */
export class ErrorBodyDto {
  @ApiProperty({ description: 'HTTP reason phrase', example: 'Bad Request' })
  title!: string;

  @ApiProperty({
    description: 'What was wrong',
    example: 'page_size must be an integer from 1 to 1000',
  })
  message!: string;

  @ApiProperty({ description: 'HTTP status code', example: 400 })
  status!: number;
}
