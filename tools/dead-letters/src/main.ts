import { parseArgs } from 'node:util';
import { findRunningLocalStack, kafkaSaslFor } from '@payload-tracker/local-stack';
import { formatDeadLetter } from './lib/describe-dead-letter';
import { tailDeadLetters } from './lib/tail-dead-letters';

const USAGE = `Usage: npm run dlq -- [options]
Follows the dead-letter topic and prints one line per refused message: when, reason
(x-error-reason), request_id (dug out of the broken value), key, original topic/partition@offset,
detail (x-error-detail). Ctrl-C stops.

  --brokers <list>   comma-separated (default: $KAFKA_BROKERS, else the running local stack's);
                     signs in with $KAFKA_SASL_MECHANISM/_USERNAME/_PASSWORD when set, else with
                     the local stack's credentials for its brokers
  --topic <name>     (default: $KAFKA_DLQ_TOPIC, else the local stack's, else platform.payload-status.dlq)
  --new              only letters that arrive from now on (default: the whole topic, then follow)
  --json             one JSON object per letter instead of text
  --help`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      brokers: { type: 'string' },
      topic: { type: 'string' },
      new: { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const stack = findRunningLocalStack();
  const brokers = (values.brokers ?? process.env['KAFKA_BROKERS'] ?? stack?.kafkaBrokers.join(','))
    ?.split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker !== '');
  if (!brokers?.length) {
    throw new Error(
      'no Kafka brokers: start the local stack (`npm run stack` or `npm start`), or set KAFKA_BROKERS or --brokers',
    );
  }
  const topic =
    values.topic ??
    process.env['KAFKA_DLQ_TOPIC'] ??
    stack?.dlqTopic ??
    'platform.payload-status.dlq';
  const sasl = kafkaSaslFor(brokers, process.env, stack);
  const tail = await tailDeadLetters(
    {
      brokers,
      ...(sasl === undefined ? {} : { sasl }),
      topic,
      fromBeginning: !(values.new ?? false),
    },
    (view) => console.log(values.json ? JSON.stringify(view) : formatDeadLetter(view)),
  );
  console.error(`following ${topic} on ${brokers.join(',')}; Ctrl-C stops`);
  const stop = (): void => {
    void tail.stop().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
