import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../common/api-error-responses.decorator';
import { API_PREFIX } from '../common/api-routes';
import { ListStatusesQueryDto } from './dto/list-statuses-query.dto';
import { StatusListDto } from './dto/status-list.dto';
import { StatusesService } from './statuses.service';

/** `GET /statuses`. */
@ApiTags('statuses')
@Controller(`${API_PREFIX}/statuses`)
export class StatusesController {
  constructor(private readonly statuses: StatusesService) {}

  @Get()
  @ApiOperation({
    operationId: 'listStatuses',
    summary: 'One row per status, across payloads; default sort date desc',
  })
  @ApiOkResponse({ type: StatusListDto })
  @ApiErrorResponses(400)
  list(@Query() query: ListStatusesQueryDto): Promise<StatusListDto> {
    return this.statuses.list(query);
  }
}
