import { ApiProperty } from '@nestjs/swagger';
import { MAX_PAGE_SIZE, MIN_PAGE_SIZE } from '@payload-tracker/api-contract';
import type { ErrorBody } from '@payload-tracker/api-contract';

/** The body of every error response (the contract's {@link ErrorBody}, for the OpenAPI document). */
export class ErrorBodyDto implements ErrorBody {
  @ApiProperty({ description: 'HTTP reason phrase', example: 'Bad Request' })
  title!: string;

  @ApiProperty({
    description: 'What was wrong',
    example: `page_size must be an integer from ${MIN_PAGE_SIZE.toString()} to ${MAX_PAGE_SIZE.toString()}`,
  })
  message!: string;

  @ApiProperty({ description: 'HTTP status code', example: 400 })
  status!: number;
}
