import { parseArgs } from 'node:util';
import { ensureKafkaDistribution } from './kafka/kafka-distribution';
import { up } from './stack/up-command';

const USAGE = `Usage: node --import tsx tools/local-stack/src/main.ts <command> [options]
(npm run stack = up; npm start = up --apps --sample-traffic 20)

Commands:
  up              start PostgreSQL and Kafka, create topics, run migrations, print the settings;
                  Ctrl-C / SIGTERM stops everything it started
  fetch-kafka     download (once) and cache the Kafka broker jars

Options for up:
  --apps                 also build and start the ingester and the api
  --sample-traffic N     with --apps: send N sample uploads through the mock producer
  --fresh                start with empty data (the data folder is kept across restarts otherwise)
  --data-dir DIR         the stack's folder (default: $LOCAL_STACK_DIR or .local-stack in the workspace)
  --durable              keep PostgreSQL's fsync on (benchmarks)
  --partitions N         partitions of the status topic (default 6)

Ports: POSTGRES_PORT (5432), KAFKA_PORT (9092), API_PORT (8080), METRICS_PORT (api, 9000),
INGESTER_METRICS_PORT (9001); a port that is taken is replaced by a free one, and printed.
`;

const log = (line: string): void => {
  console.log(`[local-stack] ${line}`);
};

function positiveInteger(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} must be a positive integer`);
  return value;
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      apps: { type: 'boolean' },
      'sample-traffic': { type: 'string' },
      fresh: { type: 'boolean' },
      'data-dir': { type: 'string' },
      durable: { type: 'boolean' },
      partitions: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return;
  }
  switch (command) {
    case 'up':
      await up({
        apps: values.apps ?? false,
        sampleTraffic:
          values['sample-traffic'] === undefined
            ? undefined
            : positiveInteger('sample-traffic', values['sample-traffic'], 0),
        isFresh: values.fresh ?? false,
        dataDir: values['data-dir'],
        isDurable: values.durable ?? false,
        partitions: positiveInteger('partitions', values.partitions, 6),
      });
      return;
    case 'fetch-kafka':
      console.log(await ensureKafkaDistribution(log));
      return;
    default:
      console.error(`unknown command ${command}\n\n${USAGE}`);
      process.exitCode = 2;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
