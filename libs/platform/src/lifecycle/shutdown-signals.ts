import type { Logger } from 'pino';

/** The signals a process stops on (Kubernetes sends SIGTERM; a terminal, SIGINT). */
export const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * Says when a stop begins, beside Nest's own shutdown hooks (which do the stopping), and bounds
 * it: if the stop takes longer than `timeoutMs`, the process exits with code 1 and says so.
 *
 * @param logger - the process's root logger
 * @param timeoutMs - the bound on the graceful stop
 * @param unfinished - what is lost when the bound is hit, for the log line
 */
export function watchShutdownSignals(
  logger: Logger,
  timeoutMs: number,
  unfinished = 'requests in flight',
): void {
  for (const signal of SHUTDOWN_SIGNALS) {
    process.once(signal, () => {
      logger.info({ context: 'Shutdown', signal, timeoutMs }, 'shutting down');
      setTimeout(() => {
        logger.error(
          { context: 'Shutdown', signal, timeoutMs },
          `shutdown timed out; exiting with ${unfinished} unfinished`,
        );
        process.exit(1);
      }, timeoutMs).unref();
    });
  }
}
