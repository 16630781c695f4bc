import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  API_PREFIX,
  API_ROUTES,
  DEFAULT_SORT_DIRECTION,
  DEFAULT_STATUS_SORT_FIELD,
} from '@payload-tracker/api-contract';
import { ApiErrorResponses } from '../common/api-error-responses.decorator';
import { routerPath } from '../common/api-routes';
import { ListStatusesQueryDto } from './dto/list-statuses-query.dto';
import { StatusListDto } from './dto/status-list.dto';
import { StatusesService } from './statuses.service';

/** `GET /statuses`. */
@ApiTags('statuses')
@Controller(API_PREFIX)
export class StatusesController {
  constructor(private readonly statuses: StatusesService) {}

  @Get(routerPath(API_ROUTES.listStatuses))
  @ApiOperation({
    operationId: 'listStatuses',
    summary: `One row per status, across payloads; default sort ${DEFAULT_STATUS_SORT_FIELD} ${DEFAULT_SORT_DIRECTION}`,
  })
  @ApiOkResponse({ type: StatusListDto })
  @ApiErrorResponses(400)
  list(@Query() query: ListStatusesQueryDto): Promise<StatusListDto> {
    return this.statuses.list(query);
  }
}
