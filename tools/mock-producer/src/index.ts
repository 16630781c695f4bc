export { LifecycleGenerator } from './lib/lifecycle.generator';
export type {
  GeneratedMessage,
  GeneratedUpload,
  LifecycleGeneratorOptions,
  UploadOutcome,
} from './lib/lifecycle.generator';
export { LONG_PATH, SHORT_PATH, ERROR_MESSAGES } from './lib/lifecycle-paths';
export type { CarriedId, PathStep } from './lib/lifecycle-paths';
export { MALFORMED_REASONS, malformMessage } from './lib/malform-message';
export type { MalformedReason } from './lib/malform-message';
export { SeededRandom } from './lib/seeded-random';
export { formatEpochMicros } from './lib/format-epoch-micros';
export { streamTraffic } from './lib/stream-traffic';
export type { TrafficOptions } from './lib/stream-traffic';
export { produceTraffic, systemClock } from './lib/produce-traffic';
export type {
  MessageSink,
  PacingClock,
  ProduceOptions,
  ProduceResult,
} from './lib/produce-traffic';
export { parseProducerOptions, PRODUCER_USAGE } from './lib/producer-options';
export type { ProducerOptions } from './lib/producer-options';
export { runProducer } from './lib/run-producer';
export type { ProducerSummary } from './lib/run-producer';
