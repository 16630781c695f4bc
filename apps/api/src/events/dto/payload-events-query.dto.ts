import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';

/** Query parameters of `GET /payloads/{request_id}/events`. */
export class PayloadEventsQueryDto {
  @ApiPropertyOptional({
    type: String,
    example: '1234',
    description:
      'Resume after this event id, for clients that cannot set the Last-Event-ID header (the header wins when both are given)',
  })
  @IsOptional()
  @IsString()
  last_event_id?: string;
}
