/** Header values as a Kafka record carries them. */
export type RecordHeaders = Readonly<
  Record<string, Buffer | string | (Buffer | string)[] | undefined>
>;

/** One record of a partition batch: what a handler needs, none of Kafka's machinery. */
export interface BatchRecord {
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: RecordHeaders | undefined;
}

/** The records of one fetch from one partition, in offset order (never empty). */
export interface PartitionBatch {
  readonly topic: string;
  readonly partition: number;
  readonly records: readonly BatchRecord[];
}

/** A part of a batch's work that the runner retries on its own until it succeeds. */
export interface BatchStep {
  /** Shown in the retry logs (`write`, `dead-letter`). */
  readonly name: string;
  run(): Promise<void>;
}

/**
 * What an `@EventPattern` batch handler is to the transport. It resolves when the batch is
 * done (the runner then commits) or throws (the runner retries it). It may instead resolve
 * with steps: the runner runs them in order and retries each one alone, so a step that
 * succeeded is not repeated because a later one failed.
 */
export type PartitionBatchHandler = (
  batch: PartitionBatch,
) => Promise<readonly BatchStep[] | undefined>;

/** Whether a handler's result is a list of {@link BatchStep}s. */
export function isBatchStepList(value: unknown): value is readonly BatchStep[] {
  return (
    Array.isArray(value) &&
    value.every(
      (step: unknown) =>
        typeof step === 'object' &&
        step !== null &&
        'name' in step &&
        typeof step.name === 'string' &&
        'run' in step &&
        typeof step.run === 'function',
    )
  );
}
