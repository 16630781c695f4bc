import type { Logger } from 'pino';

/** kafkajs's numeric levels (`logLevel` of kafkajs), spelled here so this library needs no kafkajs. */
const KAFKAJS_LEVELS = { nothing: 0, error: 1, warn: 2, info: 4, debug: 5 } as const;

/** One kafkajs log entry, as kafkajs hands it to a log creator. */
export interface KafkaLogEntry {
  readonly namespace: string;
  readonly level: number;
  readonly label: string;
  readonly log: { readonly message: string } & Record<string, unknown>;
}

/** A kafkajs `logCreator`: called once with kafkajs's level, returns the per-entry function. */
export type KafkaLogCreator = (level: number) => (entry: KafkaLogEntry) => void;

/**
 * Error responses that kafkajs retries by itself while a group or a partition leader settles
 * (on every healthy start): worth a line at debug, not at error. A retry that gives up is
 * logged again by the component that gave up.
 */
const RETRIED_RESPONSE_ERRORS = [
  'The group coordinator is not available',
  'This is not the correct coordinator for this group',
  'The coordinator is loading and hence can',
  'There is no leader for this topic-partition as we are in the middle of a leadership election',
  'This server does not host this topic-partition',
];

function isRetriedResponse(entry: KafkaLogEntry): boolean {
  const error = entry.log['error'];
  return (
    entry.namespace === 'Connection' &&
    entry.log.message.startsWith('Response ') &&
    typeof error === 'string' &&
    RETRIED_RESPONSE_ERRORS.some((text) => error.startsWith(text))
  );
}

function levelOf(entry: KafkaLogEntry): 'error' | 'warn' | 'info' | 'debug' {
  if (isRetriedResponse(entry)) {
    return 'debug';
  }
  switch (entry.level) {
    case KAFKAJS_LEVELS.nothing:
    case KAFKAJS_LEVELS.error:
      return 'error';
    case KAFKAJS_LEVELS.warn:
      return 'warn';
    case KAFKAJS_LEVELS.info:
      return 'info';
    default:
      return 'debug';
  }
}

/**
 * Routes kafkajs's log entries to the process logger as fields of the common line shape
 * (`context: "kafkajs.Consumer"`, the entry's own fields beside `msg`), instead of a JSON
 * string inside the message.
 */
export function kafkaLogCreator(logger: Logger): KafkaLogCreator {
  return () => (entry) => {
    // kafkajs repeats the time and its own name in every entry: the line has both already.
    const { message, timestamp: _timestamp, logger: _logger, ...fields } = entry.log;
    logger[levelOf(entry)]({ context: `kafkajs.${entry.namespace}`, ...fields }, message);
  };
}
