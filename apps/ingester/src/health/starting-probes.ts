import type { OpsRoute } from '@payload-tracker/platform';

/**
 * What the operations listener answers from the first moment of the process until the app's own
 * probes take over (MetricsModule): live, because the process and its event loop run, and not
 * ready, because nothing is connected yet. Terminus's JSON shape, as the real probes answer.
 */
export function startingProbeRoutes(): Record<string, OpsRoute> {
  return {
    '/health/live': () =>
      Promise.resolve({
        status: 200,
        body: { status: 'ok', info: {}, error: {}, details: {} },
      }),
    '/health/ready': () => {
      const starting = { startup: { status: 'down', message: 'starting' } };
      return Promise.resolve({
        status: 503,
        body: { status: 'error', info: {}, error: starting, details: starting },
      });
    },
  };
}
