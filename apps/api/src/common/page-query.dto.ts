import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { MAX_PAGE_SIZE, SORT_DIRECTIONS, oneOfMessage, toInteger } from './query-params';
import type { SortDirection } from './query-params';

/** `page`, `page_size` and `sort_dir`, shared by the list endpoints. */
export class PageQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    default: 0,
    description: 'Zero-based page number',
  })
  @Transform(toInteger)
  @IsInt({ message: '$property must be an integer of at least 0' })
  @Min(0, { message: '$property must be an integer of at least 0' })
  page = 0;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 10 })
  @Transform(toInteger)
  @IsInt({ message: `$property must be an integer from 1 to ${MAX_PAGE_SIZE}` })
  @Min(1, { message: `$property must be an integer from 1 to ${MAX_PAGE_SIZE}` })
  @Max(MAX_PAGE_SIZE, { message: `$property must be an integer from 1 to ${MAX_PAGE_SIZE}` })
  page_size = 10;

  @ApiPropertyOptional({ enum: SORT_DIRECTIONS, default: 'desc' })
  @IsIn(SORT_DIRECTIONS, { message: oneOfMessage(SORT_DIRECTIONS) })
  sort_dir: SortDirection = 'desc';
}
