import { Inject, Injectable, Logger } from '@nestjs/common';

import { GroupStartRepository } from '@payload-tracker/entities';
import type { PayloadGroup, StatusBatchWriteResult } from '@payload-tracker/entities';
import {
  NO_SOURCE,
  closedServiceSpans,
  isSpanClosingStatus,
} from '@payload-tracker/status-lifecycle';
import type { EpochMicros, StatusMessage } from '@payload-tracker/status-lifecycle';

import { IngesterMetricsService } from '../metrics/ingester-metrics.service';

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Turns what a batch stored into metrics: stored and duplicate counts, statuses per service,
 * and the span of each service a stored `success` or `error` closed (the domain's rule,
 * `closedServiceSpans`). A group begun in an earlier batch starts at its earliest stored
 * status, read in one query; a failed read costs those observations, never the batch.
 */
@Injectable()
export class StoredStatusRecorder {
  private readonly logger = new Logger(StoredStatusRecorder.name);

  constructor(
    private readonly metrics: IngesterMetricsService,
    @Inject(GroupStartRepository)
    private readonly groupStarts: Pick<GroupStartRepository, 'earliestDates'>,
  ) {}

  /**
   * @param batch - the valid messages written
   * @param result - what the writer stored of them
   */
  async record(batch: readonly StatusMessage[], result: StatusBatchWriteResult): Promise<void> {
    this.metrics.storedStatuses.inc(result.stored);
    this.metrics.duplicateMessages.inc(result.duplicates);
    this.countByService(result.storedMessages);
    const earlierStarts = await this.earlierStarts(result);
    if (earlierStarts === undefined) {
      return;
    }
    for (const span of closedServiceSpans(batch, result.storedMessages, earlierStarts)) {
      this.metrics.serviceDurationSeconds.observe(
        { service: span.service, source: span.source ?? NO_SOURCE },
        Number(span.micros) / 1e6,
      );
    }
  }

  private countByService(stored: readonly StatusMessage[]): void {
    const counts = new Map<
      string,
      { service: string; status: string; source: string; count: number }
    >();
    for (const message of stored) {
      const source = message.source ?? NO_SOURCE;
      const key = `${message.service}\u0000${message.status}\u0000${source}`;
      const entry = counts.get(key);
      if (entry === undefined) {
        counts.set(key, { service: message.service, status: message.status, source, count: 1 });
      } else {
        entry.count += 1;
      }
    }
    for (const { service, status, source, count } of counts.values()) {
      this.metrics.serviceStatuses.inc({ service, status, source }, count);
    }
  }

  /**
   * Group starts stored before the batch, for the groups its closing statuses belong to;
   * undefined when they could not be read (a span measured without them would be too short).
   */
  private async earlierStarts(
    result: StatusBatchWriteResult,
  ): Promise<ReadonlyMap<string, EpochMicros> | undefined> {
    const groups: PayloadGroup[] = result.storedMessages.flatMap((message) => {
      const payloadId = result.earlierPayloadIds.get(message.requestId);
      return payloadId === undefined || !isSpanClosingStatus(message.status)
        ? []
        : [
            {
              requestId: message.requestId,
              payloadId,
              service: message.service,
              source: message.source,
            },
          ];
    });
    if (groups.length === 0) {
      return new Map();
    }
    try {
      return await this.groupStarts.earliestDates(groups);
    } catch (error: unknown) {
      this.logger.warn({
        msg: 'span starts unreadable; spans of this batch not observed',
        groups: groups.length,
        error: describeError(error),
      });
      return undefined;
    }
  }
}
