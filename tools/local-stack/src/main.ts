import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureKafkaDistribution } from './kafka/kafka-distribution';
import { preferPort } from './net/free-port';
import { waitUntil } from './net/wait-until';
import { AppProcess } from './stack/app-process';
import { startLocalStack } from './stack/local-stack';
import { migrateDatabase } from './stack/migrate-database';
import { workspaceRoot } from './stack/workspace-root';

const USAGE = `Usage: tsx tools/local-stack/src/main.ts <command> [options]

Commands:
  up              start PostgreSQL and Kafka, create topics, run migrations, print the settings;
                  Ctrl-C / SIGTERM stops everything it started
  fetch-kafka     download (once) and cache the Kafka broker jars

Options for up:
  --apps                 also build and start the ingester and the api
  --sample-traffic N     with --apps: send N sample uploads through the mock producer
  --durable              keep PostgreSQL's fsync on (benchmarks)
  --partitions N         partitions of the status topic (default 6)
`;

const log = (line: string): void => {
  console.log(`[local-stack] ${line}`);
};

async function up(values: {
  apps?: boolean;
  'sample-traffic'?: string;
  durable?: boolean;
  partitions?: string;
}): Promise<void> {
  const root = workspaceRoot();
  const topic = 'platform.payload-status';
  const stack = await startLocalStack({
    databaseUrl: process.env['DATABASE_URL'] || undefined,
    postgresPort: await preferPort(5432),
    kafkaPort: await preferPort(9092),
    isDurable: values.durable ?? false,
    topics: [
      { topic, numPartitions: Number(values.partitions ?? 6) },
      { topic: `${topic}.dlq`, numPartitions: 1 },
    ],
    log,
  });
  const children: AppProcess[] = [];
  let isStopping = false;
  const stopEverything = async (code: number): Promise<never> => {
    if (!isStopping) {
      isStopping = true;
      log('stopping');
      await Promise.allSettled(children.map((child) => child.stop()));
      await stack.stop();
      log('stopped');
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void stopEverything(0));
  process.on('SIGTERM', () => void stopEverything(0));

  try {
    log(
      `PostgreSQL answered in ${stack.startSeconds.postgres.toFixed(1)} s, Kafka in ${stack.startSeconds.kafka.toFixed(1)} s`,
    );
    await migrateDatabase(stack.databaseUrl);
    log('migrations applied');
    const env = {
      ...process.env,
      DATABASE_URL: stack.databaseUrl,
      KAFKA_BROKERS: stack.kafkaBrokers.join(','),
      KAFKA_TOPIC: topic,
      KAFKA_DLQ_TOPIC: `${topic}.dlq`,
    };
    console.log(
      [
        '',
        'Settings:',
        `  DATABASE_URL=${stack.databaseUrl}`,
        `  KAFKA_BROKERS=${stack.kafkaBrokers.join(',')}`,
        `  KAFKA_TOPIC=${topic}`,
        `  KAFKA_DLQ_TOPIC=${topic}.dlq`,
        '',
      ].join('\n'),
    );
    if (values.apps) {
      log('building api and ingester');
      execFileSync(
        join(root, 'node_modules/.bin/nx'),
        ['run-many', '-t', 'build', '-p', 'api', 'ingester'],
        {
          cwd: root,
          stdio: 'inherit',
          env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
        },
      );
      const apiPort = await preferPort(8080);
      const appEnv = { ...env, API_PORT: String(apiPort), NODE_ENV: 'production' };
      children.push(
        new AppProcess('ingester', 'node', [join(root, 'dist/apps/ingester/main.js')], {
          cwd: root,
          env: { ...appEnv, METRICS_PORT: String(await preferPort(9001)) },
        }),
      );
      children.push(
        new AppProcess('api', 'node', [join(root, 'dist/apps/api/main.js')], {
          cwd: root,
          env: { ...appEnv, METRICS_PORT: String(await preferPort(9000)) },
        }),
      );
      await waitUntil('api', async () => {
        const response = await fetch(`http://127.0.0.1:${apiPort}/health`);
        if (!response.ok) throw new Error(`health answered ${response.status}`);
      });
      log(
        `api: http://127.0.0.1:${apiPort}/api/v1/payloads  (OpenAPI UI: http://127.0.0.1:${apiPort}/api/docs)`,
      );
      const uploads = values['sample-traffic'];
      if (uploads) {
        const producer = new AppProcess(
          'producer',
          join(root, 'node_modules/.bin/tsx'),
          [
            '--tsconfig',
            join(root, 'tsconfig.base.json'),
            join(root, 'tools/mock-producer/src/main.ts'),
            '--uploads',
            uploads,
            '--rate',
            '500',
          ],
          { cwd: root, env },
        );
        await producer.wait();
      }
      log('running; press Ctrl-C to stop');
    } else {
      log('running; press Ctrl-C to stop (add --apps to start the ingester and the api too)');
    }
  } catch (error: unknown) {
    console.error(error);
    await stopEverything(1);
  }
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      apps: { type: 'boolean' },
      'sample-traffic': { type: 'string' },
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
      await up(values);
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
  console.error(error);
  process.exit(1);
});
