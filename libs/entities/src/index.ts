export { PayloadEntity } from './entities/payload.entity';
export { PayloadStatusEntity } from './entities/payload-status.entity';
export { ServiceEntity } from './entities/service.entity';
export { SourceEntity } from './entities/source.entity';
export { StatusEntity } from './entities/status.entity';
export { ENTITY_CLASSES } from './data-source/entity-classes';
export {
  QUERY_INDEX_NAMES,
  SHORT_STATUS_MSG_MAX_BYTES,
  STATUS_MSG_INDEXED_PREFIX,
} from './schema/schema-constants';

export { DatabaseEnvironmentVariables, toBoolean } from './config/database-environment-variables';
export type { EnvironmentProblem } from './config/environment-validation.error';
export { EnvironmentValidationError } from './config/environment-validation.error';
export { validateEnvironmentVariables } from './config/validate-environment';
export { LOG_LEVELS } from './config/log-levels';
export type { LogLevel } from './config/log-levels';

export type { DataSourceExtras, DatabaseSettings } from './data-source/build-data-source-options';
export {
  MIGRATIONS_TABLE_NAME,
  buildDataSourceOptions,
  readDatabaseSettings,
} from './data-source/build-data-source-options';
export { installPgTypeParsers } from './data-source/install-pg-type-parsers';

export { migrations } from './migrations/migrations';
export {
  revertAllMigrations,
  revertLastMigration,
  runMigrations,
} from './migrations/run-migrations';

export type { PartitionBounds, UtcDay } from './partitions/partition-days';
export {
  addDays,
  ceilDay,
  daysToPrepare,
  floorDay,
  partitionName,
  retentionCutoffDay,
  selectExpiredPartitions,
  toUtcDay,
} from './partitions/partition-days';
export { PartitionRepository } from './partitions/partition.repository';

export type { PayloadCursor, PayloadDeleteBatch } from './retention/retention.repository';
export { RetentionRepository } from './retention/retention.repository';
export type { RetentionOptions, RetentionSummary } from './retention/retention.service';
export { RetentionService } from './retention/retention.service';

export type { PayloadRowPlan, StatusBatchPlan, StatusRowPlan } from './writers/status-batch.plan';
export { dedupeKeyOf, planStatusBatch, utcDayOf } from './writers/status-batch.plan';
export type { ClosedServiceSpan, StatusBatchWriteResult } from './writers/status-batch.writer';
export { StatusBatchWriter } from './writers/status-batch.writer';
