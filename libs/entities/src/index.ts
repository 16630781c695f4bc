export { PayloadEntity } from './entities/payload.entity';
export { PayloadStatusEntity } from './entities/payload-status.entity';
export { PayloadGroupEntity } from './entities/payload-group.entity';
export { PayloadOutcomeEntity } from './entities/payload-outcome.entity';
export { ServiceStatsBucketEntity } from './entities/service-stats-bucket.entity';
export { ServiceDurationBucketEntity } from './entities/service-duration-bucket.entity';
export { PayloadStateBucketEntity } from './entities/payload-state-bucket.entity';
export { ServiceEntity } from './entities/service.entity';
export { SourceEntity } from './entities/source.entity';
export { StatusEntity } from './entities/status.entity';
export { ENTITY_CLASSES } from './data-source/entity-classes';
export {
  QUERY_INDEX_NAMES,
  SHORT_STATUS_MSG_MAX_BYTES,
  STATUS_MSG_INDEXED_PREFIX,
} from './schema/schema-constants';

export {
  MIGRATIONS_TABLE_NAME,
  buildDataSourceOptions,
} from './data-source/build-data-source-options';
export { installPgTypeParsers } from './data-source/install-pg-type-parsers';

export { DatabasePool } from './database/database-pool';
export { DatabasePoolModule } from './database/database-pool.module';
export type { DatabasePoolModuleOptions } from './database/database-pool.module';
export type { PlanChoice, RangeParameter, SqlStatement } from './database/sql-statement';
export { StatementRunner } from './database/statement-runner';
export type { StatementTimer } from './database/statement-runner';

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
export type { PayloadGroup } from './statuses/group-start.repository';
export { GroupStartRepository } from './statuses/group-start.repository';
export type { OutcomeChangeRow, StoredStatusRow } from './outcomes/maintain-outcomes.sql';
export {
  MAINTAIN_OUTCOMES_SQL,
  NO_SOURCE_ID,
  STATS_BUCKET_WIDTHS_MINUTES,
  maintainOutcomesParameters,
  maintainOutcomesStatement,
} from './outcomes/maintain-outcomes.sql';
export type { OutcomeBackfillSummary } from './outcomes/outcome-backfill';
export { OutcomeBackfill } from './outcomes/outcome-backfill';
export type { StatusBatchWriteResult } from './writers/status-batch.writer';
export { StatusBatchWriter } from './writers/status-batch.writer';
export {
  MAX_NOTIFICATION_BYTES,
  PAYLOAD_STATUS_CHANNEL,
  parsePayloadStatusNotification,
  payloadStatusNotifications,
} from './notifications/payload-status-notification';
export type {
  PayloadStatusListenerHandlers,
  PayloadStatusListenerOptions,
} from './notifications/payload-status.listener';
export { PayloadStatusListener } from './notifications/payload-status.listener';

export type {
  AdoptionOptions,
  AdoptionReport,
  AdoptionStepEvent,
  AdoptionStepName,
  AdoptionStepReport,
  DuplicateReport,
} from './adoption/go-edition.adoption';
export { ADOPTION_STEPS, GoEditionAdoption } from './adoption/go-edition.adoption';
export type { AdoptionRefusalCode } from './adoption/adoption-refused.error';
export { AdoptionRefusedError } from './adoption/adoption-refused.error';
export type { DatabaseDetection, DatabaseKind } from './adoption/go-edition-detection';
