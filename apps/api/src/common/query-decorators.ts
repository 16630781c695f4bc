import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString } from 'class-validator';
import {
  IsEpochMicros,
  SINGLE_TEXT_MESSAGE,
  TIMESTAMP_EXAMPLE,
  toEpochMicros,
} from './query-params';

/** An optional filter given once, as text; `description` goes to the OpenAPI document. */
export function TextFilter(description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ description }),
    IsOptional(),
    IsString({ message: SINGLE_TEXT_MESSAGE }),
  );
}

/** An optional timestamp bound, held as epoch microseconds once parsed. */
export function TimestampBound(description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: String,
      format: 'date-time',
      example: TIMESTAMP_EXAMPLE,
      description,
    }),
    IsOptional(),
    Transform(toEpochMicros),
    IsEpochMicros(),
  );
}
