import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { COUNT_LIMIT } from '@payload-tracker/api-contract';
import type { PayloadStatusSortField, SortDirection } from '@payload-tracker/api-contract';
import { StatementRunner } from '@payload-tracker/entities';

import type { EnvironmentVariables } from '../config/environment-variables';
import { CappedCounter } from '../database/capped-counter';
import type {
  PayloadDetailRow,
  PayloadListRow,
  PayloadRow,
  PayloadStatusRow,
  PayloadStreamStartRow,
  PayloadSummaryRow,
  PayloadTimeSpanRow,
  PayloadWithStatusRow,
} from './payload-rows';
import {
  countPayloadsStatement,
  listPayloadsStatement,
  payloadDetailStatement,
  payloadStatusesAfterStatement,
  payloadStreamStartStatement,
  payloadSummaryStatement,
  payloadTimeSpanStatement,
} from './payloads.sql';
import type { OutcomeReading, PayloadListCriteria } from './payloads.sql';

/** The status half of a row, when the payload has a status there. */
function isStatusRow(row: PayloadWithStatusRow): row is PayloadWithStatusRow & PayloadStatusRow {
  return row.id !== null;
}

/** The payload's columns of a row that carries them as `payload_id` and `payload_created_at`. */
function payloadOf(row: PayloadWithStatusRow | PayloadDetailRow): PayloadRow {
  return {
    id: row.payload_id,
    request_id: row.request_id,
    account: row.account,
    org_id: row.org_id,
    inventory_id: row.inventory_id,
    system_id: row.system_id,
    created_at: row.payload_created_at,
  };
}

/** Read access to payloads and the statuses of one payload. */
@Injectable()
export class PayloadsRepository {
  private readonly reading: OutcomeReading;

  constructor(
    private readonly statements: StatementRunner,
    private readonly counter: CappedCounter,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.reading = {
      stalledAfterMinutes: config.get('STALLED_AFTER_MINUTES', { infer: true }),
    };
  }

  async list(criteria: PayloadListCriteria): Promise<PayloadListRow[]> {
    return this.statements.query<PayloadListRow>(
      'list_payloads',
      listPayloadsStatement(criteria, this.reading),
    );
  }

  /** Matching rows, counted up to `COUNT_LIMIT + 1`. */
  async count(criteria: PayloadListCriteria): Promise<number> {
    return this.counter.countUpTo(
      'count_payloads',
      countPayloadsStatement(criteria, this.reading),
      COUNT_LIMIT,
    );
  }

  /** The outcome and groups of the payload with this request id, if it has one. */
  async summaryOf(requestId: string): Promise<PayloadSummaryRow | undefined> {
    const [row] = await this.statements.query<PayloadSummaryRow>(
      'payload_summary',
      payloadSummaryStatement(requestId, this.reading),
    );
    return row;
  }

  /**
   * The payload with this request id, its statuses in the requested order and its outcome
   * (`summary`, absent while it has none), if there is such a payload.
   */
  async findDetail(
    requestId: string,
    sortBy: PayloadStatusSortField,
    sortDir: SortDirection,
  ): Promise<
    | { payload: PayloadRow; statuses: readonly PayloadStatusRow[]; summary?: PayloadSummaryRow }
    | undefined
  > {
    const [row] = await this.statements.query<PayloadDetailRow>(
      'payload_detail',
      payloadDetailStatement(requestId, sortBy, sortDir, this.reading),
    );
    if (row === undefined) {
      return undefined;
    }
    return {
      payload: payloadOf(row),
      statuses: row.statuses,
      // A payload without an outcome has NULL in every outcome column.
      ...(row.state === null ? {} : { summary: row }),
    };
  }

  /** The id and latest status id of the payload with this request id, if there is one. */
  async streamStartOf(requestId: string): Promise<PayloadStreamStartRow | undefined> {
    const [row] = await this.statements.query<PayloadStreamStartRow>(
      'payload_stream_start',
      payloadStreamStartStatement(requestId),
    );
    return row;
  }

  /**
   * The payload (by its id) and at most `limit` of its statuses stored after the status
   * `afterId`, in id order; undefined when it has none.
   */
  async statusesAfter(
    payloadId: string,
    afterId: string,
    limit: number,
  ): Promise<{ payload: PayloadRow; statuses: PayloadStatusRow[] } | undefined> {
    const rows = await this.statements.query<PayloadWithStatusRow>(
      'payload_statuses_after',
      payloadStatusesAfterStatement(payloadId, afterId, limit),
    );
    const [first] = rows;
    if (first === undefined) {
      return undefined;
    }
    return { payload: payloadOf(first), statuses: rows.filter(isStatusRow) };
  }

  async timeSpanOf(requestId: string): Promise<PayloadTimeSpanRow | undefined> {
    const [row] = await this.statements.query<PayloadTimeSpanRow>(
      'payload_time_span',
      payloadTimeSpanStatement(requestId),
    );
    return row;
  }
}
