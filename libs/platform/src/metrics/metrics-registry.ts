import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';

/** Prefix of every metric name (docs/operations.md). */
export const METRIC_PREFIX = 'payload_tracker_';

/** What the registry says about the process. */
export interface MetricsRegistrySettings {
  /** `process` label of `payload_tracker_build_info`: `api` or `ingester`. */
  readonly process: string;
  /** `version` label: the image's build version. */
  readonly version: string;
}

/**
 * A process's Prometheus registry: its own (so several app instances in one test process never
 * clash), with the default process metrics (CPU, memory, event loop) under the common prefix
 * and `payload_tracker_build_info{version,node_version,process}` set to 1.
 */
export function createMetricsRegistry(settings: MetricsRegistrySettings): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });
  new Gauge({
    name: `${METRIC_PREFIX}build_info`,
    help: 'Always 1; labels say which build runs.',
    labelNames: ['version', 'node_version', 'process'] as const,
    registers: [registry],
  }).set(
    { version: settings.version, node_version: process.version, process: settings.process },
    1,
  );
  return registry;
}
