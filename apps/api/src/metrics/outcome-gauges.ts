import { Logger } from '@nestjs/common';
import { Gauge } from 'prom-client';
import type { Registry } from 'prom-client';

import { METRIC_PREFIX } from '@payload-tracker/platform';
import { NO_SOURCE, PAYLOAD_STATES } from '@payload-tracker/status-lifecycle';
import type { PayloadState } from '@payload-tracker/status-lifecycle';

/** What the outcome gauges show, as read from the database. */
export interface OutcomeGaugeValues {
  /** Payloads of the last `RETENTION_DAYS` per state. */
  readonly payloads: Readonly<Record<PayloadState, number>>;
  /** Stalled payloads by the service and source of their latest status (`null`: no source). */
  readonly stalledByService: readonly {
    readonly service: string;
    readonly source: string | null;
    readonly stalled: number;
  }[];
}

/** Reads the values afresh (a few indexed statements). */
export type OutcomeGaugeReader = () => Promise<OutcomeGaugeValues>;

/** The gauges are read from the database at most this often; scrapes in between reuse them. */
export const OUTCOME_GAUGES_REFRESH_MS = 30_000;

/**
 * `payload_tracker_payloads{state}` and `payload_tracker_stalled_payloads{service,source}`,
 * filled when scraped from values at most `refreshMs` old: however often Prometheus (or
 * several) scrape, the database is asked at most once per interval, and concurrent scrapes
 * share one read. A failed read keeps the previous values (logged) and is retried on the next
 * scrape.
 */
export class OutcomeGauges {
  private readonly logger = new Logger(OutcomeGauges.name);
  private values: OutcomeGaugeValues | undefined;
  private readAt = Number.NEGATIVE_INFINITY;
  private pending: Promise<void> | undefined;

  constructor(
    registry: Registry,
    private readonly read: OutcomeGaugeReader,
    private readonly now: () => number = Date.now,
    private readonly refreshMs: number = OUTCOME_GAUGES_REFRESH_MS,
  ) {
    const payloads = new Gauge({
      name: `${METRIC_PREFIX}payloads`,
      help: 'Payloads whose latest status is within the last RETENTION_DAYS, by state (refreshed at most every 30 s)',
      labelNames: ['state'] as const,
      registers: [registry],
      collect: async (): Promise<void> => {
        await this.refresh();
        payloads.reset();
        if (this.values !== undefined) {
          for (const state of Object.values(PAYLOAD_STATES)) {
            payloads.set({ state }, this.values.payloads[state]);
          }
        }
      },
    });
    const stalled = new Gauge({
      name: `${METRIC_PREFIX}stalled_payloads`,
      help: `Stalled payloads (no status for STALLED_AFTER_MINUTES) by the service and source of their latest status; source "${NO_SOURCE}" when none (refreshed at most every 30 s)`,
      labelNames: ['service', 'source'] as const,
      registers: [registry],
      collect: async (): Promise<void> => {
        await this.refresh();
        stalled.reset();
        for (const entry of this.values?.stalledByService ?? []) {
          stalled.set({ service: entry.service, source: entry.source ?? NO_SOURCE }, entry.stalled);
        }
      },
    });
  }

  /** Reads the values when the last read is older than the refresh interval. */
  private async refresh(): Promise<void> {
    if (this.now() - this.readAt < this.refreshMs) {
      return;
    }
    this.pending ??= this.read()
      .then((values) => {
        this.values = values;
        this.readAt = this.now();
      })
      .catch((error: unknown) => {
        this.logger.warn(
          { err: error instanceof Error ? error.message : String(error) },
          'Could not read the outcome gauges; keeping the previous values',
        );
      })
      .finally(() => {
        this.pending = undefined;
      });
    await this.pending;
  }
}
