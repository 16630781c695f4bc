import { Injectable } from '@nestjs/common';
import { listEnvelope, readPageAndCount, secondsSince } from '../common/list-result';
import type { ListStatusesQueryDto } from './dto/list-statuses-query.dto';
import type { StatusListDto } from './dto/status-list.dto';
import { toStatusDto } from './status.mapper';
import { StatusesRepository } from './statuses.repository';

/** Status lists across payloads. */
@Injectable()
export class StatusesService {
  constructor(private readonly statuses: StatusesRepository) {}

  async list(query: ListStatusesQueryDto): Promise<StatusListDto> {
    const startedAt = process.hrtime.bigint();
    const { rows, count } = await readPageAndCount(
      query,
      () => this.statuses.list(query),
      () => this.statuses.count(query),
    );
    return listEnvelope(count, secondsSince(startedAt), rows.map(toStatusDto));
  }
}
