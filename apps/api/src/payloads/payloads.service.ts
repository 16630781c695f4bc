import { Injectable } from '@nestjs/common';
import {
  computeDurations,
  durationReportToJson,
  parseTimestamp,
} from '@payload-tracker/status-lifecycle';
import type { TimedStatus } from '@payload-tracker/status-lifecycle';
import { API_ERROR_CODES, ApiError } from '../common/api-error';
import { listEnvelope, readPageAndCount, secondsSince } from '../common/list-result';
import type { ListPayloadsQueryDto } from './dto/list-payloads-query.dto';
import type { PayloadListDto } from './dto/payload-list.dto';
import type { PayloadStatusesQueryDto } from './dto/payload-statuses-query.dto';
import type { PayloadStatusEventDto } from './dto/payload-status-event.dto';
import type { PayloadStatusesDto } from './dto/payload-statuses.dto';
import type { PayloadStatusRow } from './payload-rows';
import { toPayloadDto, toPayloadStatusDto, toPayloadSummaryDto } from './payload.mapper';
import { PayloadsRepository } from './payloads.repository';

/** Where an event stream of a payload starts: its id and latest status id. */
export interface PayloadStreamStart {
  readonly payloadId: string;
  /** `null` when the payload has no status yet. */
  readonly latestStatusId: string | null;
}

/** A newly stored status as an event: the status row id, and the event's data. */
export interface PayloadStatusEvent {
  readonly id: string;
  readonly data: PayloadStatusEventDto;
}

function timedStatus(row: PayloadStatusRow): TimedStatus {
  const date = parseTimestamp(row.date);
  if (date === null) {
    throw new Error(`Unexpected timestamp text from the database: ${row.date}`);
  }
  return { service: row.service, source: row.source, status: row.status, date };
}

/** Payload lists and the status history of one payload. */
@Injectable()
export class PayloadsService {
  constructor(private readonly payloads: PayloadsRepository) {}

  async list(query: ListPayloadsQueryDto): Promise<PayloadListDto> {
    const startedAt = process.hrtime.bigint();
    const { rows, count } = await readPageAndCount(
      query,
      () => this.payloads.list(query),
      () => this.payloads.count(query),
    );
    return listEnvelope(count, secondsSince(startedAt), rows.map(toPayloadDto));
  }

  /** @throws ApiError `payload_not_found` */
  async statuses(requestId: string, query: PayloadStatusesQueryDto): Promise<PayloadStatusesDto> {
    const found = await this.payloads.findDetail(requestId, query.sort_by, query.sort_dir);
    if (found === undefined) {
      throw new ApiError(
        API_ERROR_CODES.payloadNotFound,
        `No payload with request_id ${requestId}`,
      );
    }
    const { payload, statuses: rows, summary } = found;
    return {
      data: rows.map((row) => toPayloadStatusDto(payload, row, query.verbosity)),
      duration: durationReportToJson(computeDurations(rows.map(timedStatus))),
      ...(summary === undefined ? {} : { summary: toPayloadSummaryDto(summary) }),
    };
  }

  /** @throws ApiError `payload_not_found` */
  async streamStart(requestId: string): Promise<PayloadStreamStart> {
    const row = await this.payloads.streamStartOf(requestId);
    if (row === undefined) {
      throw new ApiError(
        API_ERROR_CODES.payloadNotFound,
        `No payload with request_id ${requestId}`,
      );
    }
    return { payloadId: row.payload_id, latestStatusId: row.latest_status_id };
  }

  /**
   * At most `limit` statuses of the payload (by its id) stored after the status `afterId`, in
   * id order, each with the payload's summary as read after them.
   */
  async statusEventsAfter(
    payloadId: string,
    afterId: string,
    limit: number,
  ): Promise<PayloadStatusEvent[]> {
    const found = await this.payloads.statusesAfter(payloadId, afterId, limit);
    if (found === undefined) {
      return [];
    }
    const { payload, statuses: rows } = found;
    // Read after the rows, so it counts at least every one of them.
    const summaryRow = await this.payloads.summaryOf(payload.request_id);
    const summary = summaryRow === undefined ? {} : { summary: toPayloadSummaryDto(summaryRow) };
    return rows.map((row) => ({
      id: row.id,
      data: { status: toPayloadStatusDto(payload, row, 0), ...summary },
    }));
  }
}
