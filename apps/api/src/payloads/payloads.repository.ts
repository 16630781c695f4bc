import { Injectable } from '@nestjs/common';
import { COUNT_LIMIT } from '@payload-tracker/api-contract';
import type { PayloadStatusSortField, SortDirection } from '@payload-tracker/api-contract';
import { StatementRunner } from '@payload-tracker/entities';

import { CappedCounter } from '../database/capped-counter';
import type {
  PayloadRow,
  PayloadStatusRow,
  PayloadTimeSpanRow,
  PayloadWithStatusRow,
} from './payload-rows';

/** The status half of a row, when the payload has a status there. */
function isStatusRow(row: PayloadWithStatusRow): row is PayloadWithStatusRow & PayloadStatusRow {
  return row.id !== null;
}
import {
  countPayloadsStatement,
  listPayloadsStatement,
  payloadTimeSpanStatement,
  payloadWithStatusesStatement,
} from './payloads.sql';
import type { PayloadListCriteria } from './payloads.sql';

/** Read access to payloads and the statuses of one payload. */
@Injectable()
export class PayloadsRepository {
  constructor(
    private readonly statements: StatementRunner,
    private readonly counter: CappedCounter,
  ) {}

  async list(criteria: PayloadListCriteria): Promise<PayloadRow[]> {
    return this.statements.query<PayloadRow>('list_payloads', listPayloadsStatement(criteria));
  }

  /** Matching rows, counted up to `COUNT_LIMIT + 1`. */
  async count(criteria: PayloadListCriteria): Promise<number> {
    return this.counter.countUpTo('count_payloads', countPayloadsStatement(criteria), COUNT_LIMIT);
  }

  /** The payload with this request id and its statuses in the requested order, if any. */
  async findWithStatuses(
    requestId: string,
    sortBy: PayloadStatusSortField,
    sortDir: SortDirection,
  ): Promise<{ payload: PayloadRow; statuses: PayloadStatusRow[] } | undefined> {
    const rows = await this.statements.query<PayloadWithStatusRow>(
      'payload_with_statuses',
      payloadWithStatusesStatement(requestId, sortBy, sortDir),
    );
    const [first] = rows;
    if (first === undefined) {
      return undefined;
    }
    const payload: PayloadRow = {
      id: first.payload_id,
      request_id: first.request_id,
      account: first.account,
      org_id: first.org_id,
      inventory_id: first.inventory_id,
      system_id: first.system_id,
      created_at: first.payload_created_at,
    };
    return { payload, statuses: rows.filter(isStatusRow) };
  }

  async timeSpanOf(requestId: string): Promise<PayloadTimeSpanRow | undefined> {
    const [row] = await this.statements.query<PayloadTimeSpanRow>(
      'payload_time_span',
      payloadTimeSpanStatement(requestId),
    );
    return row;
  }
}
