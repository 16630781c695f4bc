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
  PayloadSummaryRow,
  PayloadTimeSpanRow,
} from './payload-rows';
import {
  countPayloadsStatement,
  listPayloadsStatement,
  payloadDetailStatement,
  payloadTimeSpanStatement,
} from './payloads.sql';
import type { OutcomeReading, PayloadListCriteria } from './payloads.sql';

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
    const { payload_id, request_id, account, org_id, inventory_id, system_id } = row;
    const payload: PayloadRow = {
      id: payload_id,
      request_id,
      account,
      org_id,
      inventory_id,
      system_id,
      created_at: row.payload_created_at,
    };
    return {
      payload,
      statuses: row.statuses,
      // A payload without an outcome has NULL in every outcome column.
      ...(row.state === null ? {} : { summary: row }),
    };
  }

  async timeSpanOf(requestId: string): Promise<PayloadTimeSpanRow | undefined> {
    const [row] = await this.statements.query<PayloadTimeSpanRow>(
      'payload_time_span',
      payloadTimeSpanStatement(requestId),
    );
    return row;
  }
}
