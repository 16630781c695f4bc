export { EnvironmentValidationError } from './config/environment-validation.error';
export type { EnvironmentProblem } from './config/environment-validation.error';
export {
  ProcessEnvironmentVariables,
  ServiceEnvironmentVariables,
} from './config/process-environment-variables';
export { environmentModule } from './config/environment.module';
export { readEnvironment } from './config/read-environment';
export type { EnvironmentOverrides } from './config/read-environment';
export { toBoolean } from './config/to-boolean';
export { validateEnvironmentVariables } from './config/validate-environment';

export { isDatabaseUnavailableError } from './database/database-errors';
export { DATABASE_PING_TIMEOUT_MS, DatabaseHealthCheck } from './database/database-health.check';
export { DatabaseEnvironmentVariables } from './database/database-environment-variables';
export {
  UTC_SESSION_OPTIONS,
  buildPoolConfig,
  connectionTargetOf,
  readDatabaseSettings,
} from './database/database-settings';
export type {
  ConnectionExtras,
  ConnectionTarget,
  DatabaseSettings,
} from './database/database-settings';

export { kafkaLogCreator } from './logging/kafka-log-creator';
export type { KafkaLogCreator, KafkaLogEntry } from './logging/kafka-log-creator';
export { LOG_FORMATS, LOG_LEVELS } from './logging/log-levels';
export type { LogFormat, LogLevel } from './logging/log-levels';
export { NestPinoLogger } from './logging/nest-logger';
export {
  REDACTED_PATHS,
  createProcessLogger,
  processLoggerOptions,
  reportStartupFailure,
} from './logging/process-logger';
export type { ProcessLoggerSettings } from './logging/process-logger';
export { PROCESS_LOGGER } from './logging/process-logger.token';

export { METRIC_PREFIX, createMetricsRegistry } from './metrics/metrics-registry';
export type { MetricsRegistrySettings } from './metrics/metrics-registry';
export { OpsHttpServer } from './metrics/ops-http.server';
export type { OpsResponse, OpsRoute } from './metrics/ops-http.server';

export { DatabaseHealthIndicator } from './health/database-health.indicator';
export { SHUTDOWN_SIGNALS, watchShutdownSignals } from './lifecycle/shutdown-signals';
