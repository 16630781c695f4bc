import type { Logger } from 'pino';

import type { DatabaseHealthCheck } from '@payload-tracker/platform';

import { backoffDelayMs } from '../kafka/retry-backoff';

/** How {@link waitForDatabase} waits. */
export interface DatabaseStartupWaitOptions {
  /** Cap of the backoff between two attempts (`RETRY_MAX_BACKOFF_MS`, as for a failed batch). */
  readonly maxBackoffMs: number;
  readonly logger: Pick<Logger, 'info' | 'warn'>;
  /** Jitter source in [0, 1); `Math.random` outside tests. */
  readonly random?: () => number;
  /** `setTimeout` outside tests. */
  readonly sleep?: (ms: number) => Promise<void>;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Resolves once PostgreSQL answers a ping, trying again with the batch retries' capped
 * exponential backoff and jitter, each failed attempt logged at WARN with the delay before the
 * next. The ingester waits here before it joins its consumer group: a member that cannot write
 * would hold partitions only to retry their batches. Never gives up: an outage is waited out, as
 * it is by a running ingester; the probes say why it is not ready meanwhile.
 *
 * @returns the number of attempts it took
 */
export async function waitForDatabase(
  database: Pick<DatabaseHealthCheck, 'isReachable'>,
  options: DatabaseStartupWaitOptions,
): Promise<number> {
  const pause = options.sleep ?? sleep;
  for (let attempt = 1; ; attempt += 1) {
    if (await database.isReachable()) {
      if (attempt > 1) {
        options.logger.info(
          { context: 'Bootstrap', attempt },
          'database answers; joining the consumer group',
        );
      }
      return attempt;
    }
    const delayMs = backoffDelayMs(attempt, options.maxBackoffMs, options.random);
    options.logger.warn(
      { context: 'Bootstrap', attempt, delayMs },
      'database unreachable at start-up; not joining the consumer group yet, retrying',
    );
    await pause(delayMs);
  }
}
