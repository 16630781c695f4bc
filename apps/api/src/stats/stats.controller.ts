import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { API_PREFIX, API_ROUTES } from '@payload-tracker/api-contract';

import { ApiErrorResponses } from '../common/api-error-responses.decorator';
import { routerPath } from '../common/api-routes';
import { ServiceStatsQueryDto } from './dto/service-stats-query.dto';
import { ServiceStatsDto } from './dto/service-stats.dto';
import { StatsService } from './stats.service';

/** `GET /stats/services`. */
@ApiTags('stats')
@Controller(API_PREFIX)
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Get(routerPath(API_ROUTES.getServiceStats))
  @ApiOperation({
    operationId: 'getServiceStats',
    summary: 'Per service:source health over a window (default the last hour)',
    description:
      'Counts, success rate, duration percentiles and latest failure of the service:source groups that started or closed in the window, plus payload totals by state. ' +
      'The window is read in whole minutes (since rounded down, until rounded up) and may reach back at most RETENTION_DAYS. ' +
      'Percentiles are the upper bound of a duration bin 18 % wide (from 1 ms), so they read "at most".',
  })
  @ApiOkResponse({ type: ServiceStatsDto })
  @ApiErrorResponses(400)
  services(@Query() query: ServiceStatsQueryDto): Promise<ServiceStatsDto> {
    return this.stats.services(query);
  }
}
