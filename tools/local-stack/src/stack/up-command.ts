import { spawn } from 'node:child_process';
import { CONSOLE_PREFIX } from '@payload-tracker/api-contract';
import { join, resolve } from 'node:path';
import { kafkaEnvironment } from '../kafka/kafka-connection';
import { waitUntil } from '../net/wait-until';
import { ProcessGuard } from '../process/process-guard';
import { AppProcess } from './app-process';
import { startLocalStack, type LocalStack } from './local-stack';
import { migrateDatabase } from './migrate-database';
import { planPorts, type StackPortName } from './port-plan';
import { StackFolder } from './stack-folder';
import { localStackDir, type LocalStackState } from './stack-state';
import { workspaceRoot } from './workspace-root';

export interface UpOptions {
  /** Also build and start the ingester and the api. */
  apps: boolean;
  /** With `apps`: sample uploads sent through the mock producer once the api answers. */
  sampleTraffic?: number;
  isDurable: boolean;
  partitions: number;
  /** Start with empty data (and new credentials). */
  isFresh: boolean;
  /** The stack's folder; `LOCAL_STACK_DIR` or `<workspace>/.local-stack` when absent. */
  dataDir?: string;
}

const TOPIC = 'platform.payload-status';
const DLQ_TOPIC = `${TOPIC}.dlq`;

const log = (line: string): void => {
  console.log(`[local-stack] ${line}`);
};

/** `env` without a sign-in meant for other brokers: the apps get this stack's own. */
function withoutKafkaSasl(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const rest = { ...env };
  for (const name of ['KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'])
    delete rest[name];
  return rest;
}

/** Runs a command to its end with inherited output; resolves its exit code. */
function runToEnd(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number | null> {
  return new Promise((resolveCode, reject) => {
    const child = spawn(command, args, { cwd: workspaceRoot(), env, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code) => resolveCode(code));
  });
}

/** The closing block: everything a user needs to reach this stack, in one place. */
export function settingsBlock(state: LocalStackState, isFresh: boolean): string {
  const brokers = state.kafkaBrokers.join(',');
  const sasl = state.kafkaSasl;
  // The tools find this stack's brokers and credentials in its stack.json, in this folder.
  const tools = state.dataDir === localStackDir({}) ? '' : `LOCAL_STACK_DIR=${state.dataDir} `;
  const rows: [string, string][] = [];
  if (state.apiUrl) {
    rows.push(
      ['Console', `${state.apiUrl}${CONSOLE_PREFIX}/`],
      ['API', `${state.apiUrl}/api/v1/payloads`],
      ['OpenAPI UI', `${state.apiUrl}/api/docs`],
      [
        'Metrics',
        `api http://127.0.0.1:${state.ports['apiMetrics']}/metrics, ingester http://127.0.0.1:${state.ports['ingesterMetrics']}/metrics`,
      ],
    );
  }
  rows.push(
    ['DATABASE_URL', state.databaseUrl],
    ['KAFKA_BROKERS', brokers],
    ...(sasl === undefined
      ? []
      : ([
          ['KAFKA_SASL_MECHANISM', sasl.mechanism],
          ['KAFKA_SASL_USERNAME', sasl.username],
          ['KAFKA_SASL_PASSWORD', sasl.password],
        ] as [string, string][])),
    ['Topics', `${state.topic}, ${state.dlqTopic}`],
    ['Produce', `${tools}npm run produce -- --uploads 100 --rate 200`],
    ['Dead letters', `${tools}npm run dlq`],
    [
      'Data',
      `${state.dataDir} (${isFresh ? 'started empty' : 'kept across restarts'}; --fresh starts empty)`,
    ],
  );
  const width = Math.max(...rows.map(([label]) => label.length));
  return [
    '',
    `Payload Tracker local stack is running (pid ${state.pid}). Ctrl-C stops it.`,
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
    '',
  ].join('\n');
}

/**
 * `up`: the local run. Everything it starts runs in a process group of its own and is stopped
 * here, in order (sample producer and apps, then the broker and PostgreSQL), on SIGINT, SIGTERM,
 * SIGHUP, an uncaught error or the death of the parent process (`npm`); a guard process does
 * the same if this process is killed outright. Data stays in one folder across restarts.
 */
export async function up(options: UpOptions, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const root = workspaceRoot();
  const folder = new StackFolder(resolve(options.dataDir ?? localStackDir(env)));
  let guard: ProcessGuard | undefined;
  let stack: LocalStack | undefined;
  const children: AppProcess[] = [];
  let transient: AppProcess | undefined;
  let isStopping = false;
  const parentPid = process.ppid;

  const stopEverything = async (code: number): Promise<void> => {
    if (isStopping) {
      log('already stopping');
      return;
    }
    isStopping = true;
    log('stopping');
    clearInterval(parentWatch);
    await transient?.stop(5_000);
    await Promise.allSettled(children.map((child) => child.stop()));
    await stack?.stop();
    await folder.removeState();
    // Stops whatever a start in progress had already started (nothing, after the steps above).
    await guard?.close();
    log('stopped');
    process.exit(code);
  };
  const stopOn = (reason: string, code: number) => (): void => {
    log(reason);
    void stopEverything(code);
  };
  process.on('SIGINT', stopOn('SIGINT', 0));
  process.on('SIGTERM', stopOn('SIGTERM', 0));
  process.on('SIGHUP', stopOn('SIGHUP', 0));
  const crash = (error: unknown): void => {
    console.error(error);
    void stopEverything(1);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  // npm killed outright leaves this process to init: stop rather than run on unowned.
  const parentWatch = setInterval(() => {
    if (process.ppid !== parentPid) stopOn(`parent process ${parentPid} is gone`, 0)();
  }, 1_000);

  try {
    const credentials = await folder.prepare({ fresh: options.isFresh, log });
    guard = ProcessGuard.start(folder.dir);
    guard.remove(folder.stateFile);
    const databaseUrl = env['DATABASE_URL'] || undefined;
    const kafkaSasl = {
      mechanism: 'plain',
      username: credentials.kafkaUser,
      password: credentials.kafkaPassword,
    } as const;
    const portNames: StackPortName[] = [
      ...(databaseUrl ? [] : (['postgres'] as const)),
      'kafka',
      ...(options.apps ? (['api', 'apiMetrics', 'ingesterMetrics'] as const) : []),
    ];
    const ports = await planPorts(portNames, env, log);
    log(`data folder ${folder.dir}${options.isFresh ? ' (fresh)' : ''}`);
    stack = await startLocalStack({
      databaseUrl,
      postgresPort: ports.postgres,
      kafkaPort: ports.kafka,
      dataDir: folder.dir,
      postgresUser: credentials.postgresUser,
      postgresPassword: credentials.postgresPassword,
      databaseName: credentials.database,
      kafkaSasl,
      isDurable: options.isDurable,
      topics: [
        { topic: TOPIC, numPartitions: options.partitions },
        { topic: DLQ_TOPIC, numPartitions: 1 },
      ],
      guard,
      log,
    });
    log(
      `PostgreSQL answered in ${stack.startSeconds.postgres.toFixed(1)} s, Kafka in ${stack.startSeconds.kafka.toFixed(1)} s`,
    );
    await migrateDatabase(stack.databaseUrl);
    log('migrations applied');
    const state: LocalStackState = {
      pid: process.pid,
      dataDir: folder.dir,
      startedAt: new Date().toISOString(),
      databaseUrl: stack.databaseUrl,
      kafkaBrokers: stack.kafkaBrokers,
      ...(stack.kafka.sasl === undefined ? {} : { kafkaSasl: stack.kafka.sasl }),
      topic: TOPIC,
      dlqTopic: DLQ_TOPIC,
      processes: {
        ...(stack.pids.postgres ? { postgres: stack.pids.postgres } : {}),
        ...(stack.pids.kafka ? { kafka: stack.pids.kafka } : {}),
        ...(guard.pid ? { guard: guard.pid } : {}),
      },
      ports,
    };
    // The tools find the servers from here on, while the apps build.
    await folder.writeState(state);
    const stackEnv = {
      ...withoutKafkaSasl(env),
      DATABASE_URL: stack.databaseUrl,
      ...kafkaEnvironment(stack.kafka),
      KAFKA_TOPIC: TOPIC,
      KAFKA_DLQ_TOPIC: DLQ_TOPIC,
    };
    if (options.apps) {
      log('building api and ingester');
      const buildCode = await runToEnd(
        join(root, 'node_modules/.bin/nx'),
        ['run-many', '-t', 'build', '-p', 'api', 'ingester'],
        { ...env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
      );
      if (isStopping) return;
      if (buildCode !== 0) throw new Error(`the build failed (exit ${buildCode})`);
      const appEnv = { ...stackEnv, NODE_ENV: 'production' };
      const ingester = new AppProcess(
        'ingester',
        'node',
        [join(root, 'dist/apps/ingester/main.js')],
        {
          cwd: root,
          env: { ...appEnv, METRICS_PORT: String(ports.ingesterMetrics) },
          guard,
        },
      );
      const api = new AppProcess('api', 'node', [join(root, 'dist/apps/api/main.js')], {
        cwd: root,
        env: {
          ...appEnv,
          API_PORT: String(ports.api),
          METRICS_PORT: String(ports.apiMetrics),
        },
        guard,
      });
      children.push(ingester, api);
      const apiUrl = `http://127.0.0.1:${ports.api}`;
      await Promise.all([
        waitUntil('api', async () => {
          if (api.hasExited) throw new Error('the api exited; see its lines above');
          const response = await fetch(`${apiUrl}/health`);
          if (!response.ok) throw new Error(`health answered ${response.status}`);
        }),
        waitUntil('ingester', async () => {
          if (ingester.hasExited) throw new Error('the ingester exited; see its lines above');
          const response = await fetch(`http://127.0.0.1:${ports.ingesterMetrics}/health/live`);
          if (!response.ok) throw new Error(`health answered ${response.status}`);
        }),
      ]);
      state.apiUrl = apiUrl;
      state.processes = {
        ...state.processes,
        ...(ingester.pid ? { ingester: ingester.pid } : {}),
        ...(api.pid ? { api: api.pid } : {}),
      };
      await folder.writeState(state);
      if (options.sampleTraffic) {
        transient = new AppProcess(
          'producer',
          process.execPath,
          [
            ...process.execArgv,
            join(root, 'tools/mock-producer/src/main.ts'),
            '--uploads',
            String(options.sampleTraffic),
            '--rate',
            '500',
          ],
          { cwd: root, env: stackEnv, guard },
        );
        await transient.wait();
        transient = undefined;
      }
    }
    if (isStopping) return;
    console.log(settingsBlock(state, options.isFresh));
    if (!options.apps) log('add --apps (or run `npm start`) to start the ingester and the api too');
  } catch (error: unknown) {
    if (isStopping) return;
    console.error(error instanceof Error ? error.message : error);
    await stopEverything(1);
  }
}
