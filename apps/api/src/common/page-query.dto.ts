import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  DEFAULT_PAGE_SIZE,
  DEFAULT_SORT_DIRECTION,
  FIRST_PAGE,
  MAX_PAGE,
  MAX_PAGE_SIZE,
  MIN_PAGE_SIZE,
  SORT_DIRECTIONS,
} from '@payload-tracker/api-contract';
import type { SortDirection } from '@payload-tracker/api-contract';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { oneOfMessage, toInteger } from './query-params';

const PAGE_MESSAGE = `$property must be an integer from ${FIRST_PAGE.toString()} to ${MAX_PAGE.toString()}`;
const PAGE_SIZE_MESSAGE = `$property must be an integer from ${MIN_PAGE_SIZE.toString()} to ${MAX_PAGE_SIZE.toString()}`;

/** `page`, `page_size` and `sort_dir`, shared by the list endpoints. */
export class PageQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: FIRST_PAGE,
    maximum: MAX_PAGE,
    default: FIRST_PAGE,
    description: 'Zero-based page number',
  })
  @Transform(toInteger)
  @IsInt({ message: PAGE_MESSAGE })
  @Min(FIRST_PAGE, { message: PAGE_MESSAGE })
  @Max(MAX_PAGE, { message: PAGE_MESSAGE })
  page = FIRST_PAGE;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: MIN_PAGE_SIZE,
    maximum: MAX_PAGE_SIZE,
    default: DEFAULT_PAGE_SIZE,
  })
  @Transform(toInteger)
  @IsInt({ message: PAGE_SIZE_MESSAGE })
  @Min(MIN_PAGE_SIZE, { message: PAGE_SIZE_MESSAGE })
  @Max(MAX_PAGE_SIZE, { message: PAGE_SIZE_MESSAGE })
  page_size = DEFAULT_PAGE_SIZE;

  @ApiPropertyOptional({ enum: SORT_DIRECTIONS, default: DEFAULT_SORT_DIRECTION })
  @IsIn(SORT_DIRECTIONS, { message: oneOfMessage(SORT_DIRECTIONS) })
  sort_dir: SortDirection = DEFAULT_SORT_DIRECTION;
}
