/*
 * For tests of other projects only (never imported by a process): what the outcome
 * maintenance stored, against a recomputation from the stored statuses.
 */
export type { OutcomeSnapshot } from './testing/outcome-recomputation';
export { readOutcomeSnapshot, recomputeOutcomeSnapshot } from './testing/outcome-recomputation';
