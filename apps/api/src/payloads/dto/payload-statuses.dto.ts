import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PayloadStatusDto } from './payload-status.dto';
import { PayloadSummaryDto } from './payload-summary.dto';

/** Response of `GET /payloads/{request_id}`. */
export class PayloadStatusesDto {
  @ApiProperty({ type: [PayloadStatusDto] })
  data!: PayloadStatusDto[];

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', example: '00:00:05.625000' },
    description:
      "One key per 'service:source' group ('undefined' when no source), plus total_time_in_services and total_time; values HH:MM:SS.ffffff",
    example: {
      'ingress:undefined': '00:00:01.500000',
      total_time_in_services: '00:00:01.500000',
      total_time: '00:00:02.000000',
    },
  })
  duration!: Record<string, string>;

  @ApiPropertyOptional({
    type: PayloadSummaryDto,
    description: 'The outcome of the payload and its groups (absent when it has no outcome)',
  })
  summary?: PayloadSummaryDto;
}
