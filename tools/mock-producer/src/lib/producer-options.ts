import { parseArgs } from 'node:util';

import { kafkaSaslFor } from '@payload-tracker/local-stack';
import type { KafkaSasl } from '@payload-tracker/local-stack';

/** Everything the mock-producer CLI takes, after defaults. */
export interface ProducerOptions {
  readonly brokers: readonly string[];
  /** The brokers' sign-in: `KAFKA_SASL_*`, else the local stack's for its own brokers. */
  readonly sasl?: KafkaSasl;
  readonly topic: string;
  readonly uploads: number;
  readonly rate: number;
  readonly errorShare: number;
  readonly stallShare: number;
  readonly malformedShare: number;
  readonly longPathShare: number;
  readonly concurrentUploads: number;
  readonly batchSize: number;
  readonly seed: number;
  /** Epoch microseconds of the first upload; null means "now" at run time. */
  readonly startMicros: bigint | null;
  readonly isHelp: boolean;
}

/** Text of `--help`. */
export const PRODUCER_USAGE = `Usage: mock-producer [options]
Produces realistic upload lifecycles (7 or 21 status messages each) to Kafka, keyed by request_id.

  --brokers <list>          comma-separated (default: $KAFKA_BROKERS, else the running local stack's)
                            signs in with $KAFKA_SASL_MECHANISM/_USERNAME/_PASSWORD when set,
                            else with the local stack's credentials for its brokers
  --topic <name>            (default: $KAFKA_TOPIC, else the local stack's, else platform.payload-status)
  --uploads <n>             uploads to simulate (default 100)
  --rate <msgs/s>           0 = as fast as possible, in batches (default 0)
  --error-share <0..1>      uploads where a service reports error with a status_msg and
                            stops (default 0.05)
  --stall-share <0..1>      uploads that stop midway, last service never answers (default
                            0.05); stalled once their last status is 60 min old
  --malformed-share <0..1>  share of messages that are malformed, for the DLQ (default 0)
  --long-path-share <0..1>  uploads taking the 21-message path (default 0.5)
  --concurrent-uploads <n>  uploads whose messages interleave (default 100)
  --batch-size <n>          messages per send (default 1000)
  --seed <int>              reproducible traffic (default: random, printed in the summary)
  --start <timestamp>       date of the first status, RFC 3339 (default: now)
  --help
The rest succeed: every service ends with success.
Prints a JSON summary: messages, uploads, outcomes (succeeded, failed, stalled), seconds,
msgs_per_s.`;

function numberOption(
  name: string,
  text: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (text === undefined) {
    return fallback;
  }
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
    throw new RangeError(`--${name} must be a number in [${min}, ${max}], got '${text}'`);
  }
  return value;
}

function integerOption(
  name: string,
  text: string | undefined,
  fallback: number,
  min: number,
): number {
  const value = numberOption(name, text, fallback, min, Number.MAX_SAFE_INTEGER);
  if (!Number.isInteger(value)) {
    throw new RangeError(`--${name} must be an integer, got '${text ?? ''}'`);
  }
  return value;
}

function startOption(text: string | undefined): bigint | null {
  if (text === undefined) {
    return null;
  }
  const millis = Date.parse(text);
  if (Number.isNaN(millis)) {
    throw new RangeError(`--start must be an RFC 3339 timestamp, got '${text}'`);
  }
  return BigInt(millis) * 1000n;
}

/** What the running local stack (`npm run stack`, `npm start`) tells the tools about itself. */
export interface LocalStackTarget {
  readonly kafkaBrokers: readonly string[];
  readonly kafkaSasl?: KafkaSasl;
  readonly topic: string;
}

/**
 * Parses CLI arguments (`argv` without node and script) with `env` fallbacks, then the running
 * local stack's brokers and topic.
 *
 * @throws RangeError naming the offending flag, or saying that no broker is known.
 */
export function parseProducerOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  randomSeed: () => number,
  localStack?: LocalStackTarget,
): ProducerOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      brokers: { type: 'string' },
      topic: { type: 'string' },
      uploads: { type: 'string' },
      rate: { type: 'string' },
      'error-share': { type: 'string' },
      'stall-share': { type: 'string' },
      'malformed-share': { type: 'string' },
      'long-path-share': { type: 'string' },
      'concurrent-uploads': { type: 'string' },
      'batch-size': { type: 'string' },
      seed: { type: 'string' },
      start: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  const parsed = {
    topic: values.topic ?? env['KAFKA_TOPIC'] ?? localStack?.topic ?? 'platform.payload-status',
    uploads: integerOption('uploads', values.uploads, 100, 0),
    rate: numberOption('rate', values.rate, 0, 0, Number.MAX_SAFE_INTEGER),
    errorShare: numberOption('error-share', values['error-share'], 0.05, 0, 1),
    stallShare: numberOption('stall-share', values['stall-share'], 0.05, 0, 1),
    malformedShare: numberOption('malformed-share', values['malformed-share'], 0, 0, 0.99),
    longPathShare: numberOption('long-path-share', values['long-path-share'], 0.5, 0, 1),
    concurrentUploads: integerOption('concurrent-uploads', values['concurrent-uploads'], 100, 1),
    batchSize: integerOption('batch-size', values['batch-size'], 1000, 1),
    seed: integerOption('seed', values.seed, randomSeed(), 0),
    startMicros: startOption(values.start),
    isHelp: values.help ?? false,
  };
  if (parsed.errorShare + parsed.stallShare > 1) {
    throw new RangeError('--error-share and --stall-share must add up to at most 1');
  }
  if (parsed.isHelp) {
    return { brokers: [], ...parsed };
  }
  const brokerList = values.brokers ?? env['KAFKA_BROKERS'] ?? localStack?.kafkaBrokers.join(',');
  if (brokerList === undefined) {
    throw new RangeError(
      'no Kafka brokers: start the local stack (`npm run stack` or `npm start`), or set ' +
        'KAFKA_BROKERS or --brokers (Docker Compose: localhost:9094)',
    );
  }
  const brokers = brokerList
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker !== '');
  if (brokers.length === 0) {
    throw new RangeError('--brokers must name at least one broker');
  }
  const sasl = kafkaSaslFor(brokers, env, localStack);
  return { brokers, ...(sasl === undefined ? {} : { sasl }), ...parsed };
}
