import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  API_PREFIX,
  API_ROUTES,
  DEFAULT_PAYLOAD_SORT_FIELD,
  DEFAULT_SORT_DIRECTION,
} from '@payload-tracker/api-contract';
import { ApiErrorResponses } from '../common/api-error-responses.decorator';
import { routerPath } from '../common/api-routes';
import { ListPayloadsQueryDto } from './dto/list-payloads-query.dto';
import { PayloadListDto } from './dto/payload-list.dto';
import { PayloadStatusesQueryDto } from './dto/payload-statuses-query.dto';
import { PayloadStatusesDto } from './dto/payload-statuses.dto';
import { PayloadsService } from './payloads.service';

/** `GET /payloads` and `GET /payloads/{request_id}`. */
@ApiTags('payloads')
@Controller(API_PREFIX)
export class PayloadsController {
  constructor(private readonly payloads: PayloadsService) {}

  @Get(routerPath(API_ROUTES.listPayloads))
  @ApiOperation({
    operationId: 'listPayloads',
    summary: `One row per payload; default sort ${DEFAULT_PAYLOAD_SORT_FIELD} ${DEFAULT_SORT_DIRECTION}`,
  })
  @ApiOkResponse({ type: PayloadListDto })
  @ApiErrorResponses(400)
  list(@Query() query: ListPayloadsQueryDto): Promise<PayloadListDto> {
    return this.payloads.list(query);
  }

  @Get(routerPath(API_ROUTES.getPayloadStatuses))
  @ApiOperation({
    operationId: 'getPayloadStatuses',
    summary:
      'Every status of one payload plus durations; newest first by default (data[0] is the latest)',
  })
  @ApiParam({ name: 'request_id', type: String })
  @ApiOkResponse({ type: PayloadStatusesDto })
  @ApiErrorResponses(400, 404)
  statuses(
    @Param('request_id') requestId: string,
    @Query() query: PayloadStatusesQueryDto,
  ): Promise<PayloadStatusesDto> {
    return this.payloads.statuses(requestId, query);
  }
}
