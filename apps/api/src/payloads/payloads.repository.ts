import { Injectable } from '@nestjs/common';
import { COUNT_LIMIT } from '../common/sql-fragments';
import { DatabaseService } from '../database/database.service';
import type { PayloadStatusSortField } from './dto/payload-statuses-query.dto';
import type { SortDirection } from '../common/query-params';
import type { PayloadRow, PayloadStatusRow, PayloadTimeSpanRow } from './payload-rows';
import {
  FIND_PAYLOAD_SQL,
  PAYLOAD_TIME_SPAN_SQL,
  countPayloadsStatement,
  listPayloadsStatement,
  payloadStatusesStatement,
} from './payloads.sql';
import type { PayloadListCriteria } from './payloads.sql';

/** Read access to payloads and the statuses of one payload. */
@Injectable()
export class PayloadsRepository {
  constructor(private readonly database: DatabaseService) {}

  async list(criteria: PayloadListCriteria): Promise<PayloadRow[]> {
    const { sql, parameters } = listPayloadsStatement(criteria);
    return this.database.query<PayloadRow>('list_payloads', sql, parameters);
  }

  /** Matching rows, counted up to `COUNT_LIMIT + 1`. */
  async count(criteria: PayloadListCriteria): Promise<number> {
    const { sql, parameters } = countPayloadsStatement(criteria);
    return this.database.countUpTo('count_payloads', sql, parameters, COUNT_LIMIT);
  }

  async findByRequestId(requestId: string): Promise<PayloadRow | undefined> {
    const [row] = await this.database.query<PayloadRow>('find_payload', FIND_PAYLOAD_SQL, [
      requestId,
    ]);
    return row;
  }

  async statusesOf(
    payloadId: string,
    sortBy: PayloadStatusSortField,
    sortDir: SortDirection,
  ): Promise<PayloadStatusRow[]> {
    const { sql, parameters } = payloadStatusesStatement(payloadId, sortBy, sortDir);
    return this.database.query<PayloadStatusRow>('payload_statuses', sql, parameters);
  }

  async timeSpanOf(requestId: string): Promise<PayloadTimeSpanRow | undefined> {
    const [row] = await this.database.query<PayloadTimeSpanRow>(
      'payload_time_span',
      PAYLOAD_TIME_SPAN_SQL,
      [requestId],
    );
    return row;
  }
}
