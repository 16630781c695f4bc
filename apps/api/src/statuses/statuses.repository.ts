import { Injectable } from '@nestjs/common';
import { COUNT_LIMIT } from '@payload-tracker/api-contract';
import { StatementRunner } from '@payload-tracker/entities';

import { CappedCounter } from '../database/capped-counter';
import type { StatusRow } from './status-row';
import { countStatusesStatement, listStatusesStatement } from './statuses.sql';
import type { StatusListCriteria } from './statuses.sql';

/** Read access to statuses across payloads. */
@Injectable()
export class StatusesRepository {
  constructor(
    private readonly statements: StatementRunner,
    private readonly counter: CappedCounter,
  ) {}

  async list(criteria: StatusListCriteria): Promise<StatusRow[]> {
    return this.statements.query<StatusRow>(
      `list_statuses_by_${criteria.sort_by}`,
      listStatusesStatement(criteria),
    );
  }

  /** Matching rows, counted up to `COUNT_LIMIT + 1`. */
  async count(criteria: StatusListCriteria): Promise<number> {
    return this.counter.countUpTo('count_statuses', countStatusesStatement(criteria), COUNT_LIMIT);
  }
}
