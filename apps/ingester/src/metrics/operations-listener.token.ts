/**
 * The operations listener (`OpsHttpServer` on `METRICS_PORT`) that main.ts opens before Nest
 * starts; MetricsModule hands it the registry and the probes once they exist.
 */
export const OPERATIONS_LISTENER = Symbol('OPERATIONS_LISTENER');
