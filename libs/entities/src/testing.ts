/*
 * For tests of other projects only (never imported by a process): what the outcome
 * maintenance stored, against a recomputation from the stored statuses.
 */
export type { OutcomeSnapshot } from './testing/outcome-recomputation';
export { readOutcomeSnapshot, recomputeOutcomeSnapshot } from './testing/outcome-recomputation';
export type {
  GoEditionDay,
  GoEditionSchemaOptions,
  GoEditionStatus,
} from './adoption/testing/go-edition-fixture';
export {
  GO_EDITION_INDEXES_SQL,
  GO_EDITION_SCHEMA_SQL,
  createGoEditionSchema,
  insertGoEditionStatuses,
} from './adoption/testing/go-edition-fixture';
