import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PayloadStatusDto } from './payload-status.dto';
import { PayloadSummaryDto } from './payload-summary.dto';

/**
 * The `data` of one `status` event of `GET /payloads/{request_id}/events`: a newly stored
 * status of the payload and the payload's summary once it was stored.
 */
export class PayloadStatusEventDto {
  @ApiProperty({
    type: PayloadStatusDto,
    description:
      'The status row exactly as in the data[] of GET /payloads/{request_id} (verbosity 0); its id is the event id',
  })
  status!: PayloadStatusDto;

  @ApiPropertyOptional({
    type: PayloadSummaryDto,
    description:
      'The summary of GET /payloads/{request_id} as read with this event (it may already count statuses of the next events of the same batch)',
  })
  summary?: PayloadSummaryDto;
}
