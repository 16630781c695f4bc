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
import type { PayloadStatusesDto } from './dto/payload-statuses.dto';
import type { PayloadStatusRow } from './payload-rows';
import { toPayloadDto, toPayloadStatusDto, toPayloadSummaryDto } from './payload.mapper';
import { PayloadsRepository } from './payloads.repository';

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
}
