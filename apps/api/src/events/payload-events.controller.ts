import type { OutgoingHttpHeaders } from 'node:http';
import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { API_PREFIX, API_ROUTES } from '@payload-tracker/api-contract';
import type { FastifyReply } from 'fastify';

import { ApiErrorResponses } from '../common/api-error-responses.decorator';
import { routerPath } from '../common/api-routes';
import { PayloadStatusEventDto } from '../payloads/dto/payload-status-event.dto';
import { PayloadEventsQueryDto } from './dto/payload-events-query.dto';
import { PayloadEventsService } from './payload-events.service';
import { ServerResponseSink } from './server-response-sink';
import { SSE_HEADERS } from './sse-format';

const STREAM_DESCRIPTION = `A text/event-stream that stays open. Each status stored for the payload after the stream opened (or after Last-Event-ID) is one event:

    id: <the status row id>
    event: status
    data: <one line of JSON: ${getSchemaPath(PayloadStatusEventDto)}>

in id order. A comment line \`: heartbeat\` comes every EVENTS_HEARTBEAT_SECONDS (15 by default). The stream opens with \`retry: 3000\`. Without Last-Event-ID nothing older than the stream is sent: load the history with GET /payloads/{request_id}, then open the stream with Last-Event-ID set to the highest id of its data (EventSource sends it by itself when it reconnects); every status after it comes, none twice. Only committed statuses are sent.`;

/** `GET /payloads/{request_id}/events`: the statuses of one payload as they are stored. */
@ApiTags('payloads')
@ApiExtraModels(PayloadStatusEventDto)
@Controller(API_PREFIX)
export class PayloadEventsController {
  constructor(private readonly events: PayloadEventsService) {}

  @Get(routerPath(API_ROUTES.streamPayloadEvents))
  @ApiOperation({
    operationId: 'streamPayloadEvents',
    summary: 'Server-Sent Events: one event per newly stored status of the payload',
  })
  @ApiParam({ name: 'request_id', type: String })
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'Resume after this event id: first every status stored after it, then new ones',
  })
  @ApiOkResponse({
    description: STREAM_DESCRIPTION,
    content: {
      'text/event-stream': {
        schema: { type: 'string' },
        example:
          'retry: 3000\n\nid: 1235\nevent: status\ndata: {"status":{"id":1235,"request_id":"a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1","service":"puptoo","status":"success","date":"2026-11-28T10:00:05.625000Z","created_at":"2026-11-28T10:00:05.700000Z"},"summary":{"state":"in_progress","status_count":5,"last_status_at":"2026-11-28T10:00:05.625000Z","last_service":"puptoo","last_status":"success","groups":[]}}\n\n: heartbeat\n\n',
      },
    },
  })
  @ApiErrorResponses(400, 404, 503)
  async stream(
    @Param('request_id') requestId: string,
    @Query() query: PayloadEventsQueryDto,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    // Errors are thrown before anything is written, so the exception filter answers them.
    const cursor = await this.events.cursorOf(requestId, lastEventId, query.last_event_id);
    reply.hijack();
    const response = reply.raw;
    // The headers set so far (the correlation id) go out with the stream's own.
    const headers: OutgoingHttpHeaders = { ...SSE_HEADERS };
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined && !(name in headers)) {
        headers[name] = value;
      }
    }
    response.writeHead(200, headers);
    const stream = this.events.open(cursor, new ServerResponseSink(response));
    response.once('close', () => this.events.close(stream));
    if (response.destroyed) {
      this.events.close(stream);
    }
  }
}
