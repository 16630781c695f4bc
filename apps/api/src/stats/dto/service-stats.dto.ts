import { ApiProperty } from '@nestjs/swagger';

import { ServiceStatsEntryDto } from './service-stats-entry.dto';
import { StateTotalsDto } from './state-totals.dto';

/** Response of `GET /stats/services`. */
export class ServiceStatsDto {
  @ApiProperty({
    format: 'date-time',
    example: '2026-11-28T09:17:00.000000Z',
    description: 'Start of the window read, rounded down to the minute',
  })
  since!: string;

  @ApiProperty({
    format: 'date-time',
    example: '2026-11-28T10:18:00.000000Z',
    description: 'End of the window read (exclusive), rounded up to the minute',
  })
  until!: string;

  @ApiProperty({
    type: [ServiceStatsEntryDto],
    description:
      'One entry per service:source that had a group start or close in the window; by failed descending, then service and source',
  })
  services!: ServiceStatsEntryDto[];

  @ApiProperty({ type: StateTotalsDto, description: 'Payloads created in the window, by state' })
  totals!: StateTotalsDto;
}
