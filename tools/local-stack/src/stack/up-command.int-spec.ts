import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { kafkaClientConfig, type KafkaConnection } from '../kafka/kafka-connection';
import { findFreePort } from '../net/free-port';
import { testKafkaConnection } from '../testing/test-topics';
import { waitUntil } from '../net/wait-until';
import { isProcessAlive, killProcessGroup, processCommandLine } from '../process/process-group';
import { readLocalStackState, type LocalStackState } from './stack-state';
import { workspaceRoot } from './workspace-root';

/**
 * `npm run stack` as a user runs it: real npm, the stack process, PostgreSQL, the Kafka broker
 * and the guard, in a folder and a temporary directory of this test's own, on ports it chose.
 * Three starts in one file (the broker's start is the cost): Ctrl-C, SIGTERM, then a SIGKILL of
 * the stack process itself, each followed by the check that nothing it started is left.
 */
const START_TIMEOUT_MS = 150_000;

interface RunningStack {
  npm: ChildProcess;
  exited: Promise<number | null>;
  output: () => string;
  state: LocalStackState;
}

let root: string;
let dataDir: string;
let stackTmp: string;
const ports = { postgres: 0, kafka: 0 };

function stackEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TMPDIR: stackTmp,
    POSTGRES_PORT: String(ports.postgres),
    KAFKA_PORT: String(ports.kafka),
  };
  for (const name of [
    'DATABASE_URL',
    'KAFKA_BROKERS',
    'KAFKA_SASL_MECHANISM',
    'KAFKA_SASL_USERNAME',
    'KAFKA_SASL_PASSWORD',
    'LOCAL_STACK_DIR',
  ])
    delete env[name];
  return env;
}

async function startStack(args: string[] = []): Promise<RunningStack> {
  // A process group of its own, as a terminal gives a command: Ctrl-C reaches the whole group.
  const npm = spawn('npm', ['run', 'stack', '--', '--data-dir', dataDir, ...args], {
    cwd: workspaceRoot(),
    env: stackEnv(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  npm.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  npm.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => npm.once('exit', resolve));
  const state = await waitUntil(
    'the stack',
    () => {
      if (npm.exitCode !== null) throw new Error(`npm exited early:\n${output}`);
      const found = readLocalStackState(dataDir);
      if (!found || !output.includes('local stack is running')) throw new Error('not yet');
      return Promise.resolve(found);
    },
    { timeoutMs: START_TIMEOUT_MS - 20_000, intervalMs: 200 },
  ).catch((error: unknown) => {
    throw new Error(`${String(error)}\n--- output ---\n${output}`);
  });
  return { npm, exited, output: () => output, state };
}

/** Processes started on this test's folder that still run (npm, node, postgres, java, guard). */
async function leftovers(): Promise<string[]> {
  const pids = (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry)).map(Number);
  return pids
    .filter((pid) => pid !== process.pid && isProcessAlive(pid))
    .map((pid) => `${pid} ${processCommandLine(pid)}`)
    .filter((line) => line.includes(dataDir));
}

async function expectNothingLeft(): Promise<void> {
  await waitUntil(
    'every process of the stack to exit',
    async () => {
      const left = await leftovers();
      if (left.length > 0) throw new Error(left.join('\n'));
    },
    { timeoutMs: 40_000, intervalMs: 250 },
  );
  expect(readLocalStackState(dataDir)).toBeUndefined();
  // What the stack made in the temporary directory is gone (tsx keeps its compile cache there).
  expect((await readdir(stackTmp)).filter((entry) => !entry.startsWith('tsx-'))).toEqual([]);
}

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as unknown[];
  } finally {
    await client.end();
  }
}

function connectionOf(state: LocalStackState): KafkaConnection {
  return { brokers: state.kafkaBrokers, ...(state.kafkaSasl ? { sasl: state.kafkaSasl } : {}) };
}

async function messagesOn(
  state: LocalStackState,
  connection = connectionOf(state),
): Promise<number> {
  const admin = new Kafka(
    kafkaClientConfig(connection, { logLevel: logLevel.NOTHING, retry: { retries: 0 } }),
  ).admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(state.topic);
    return offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
  } finally {
    await admin.disconnect();
  }
}

describe('npm run stack (real npm, PostgreSQL, Kafka and guard processes)', () => {
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'pt-stack-test-'));
    // PostgreSQL runs as its own user when the suite runs as root: it must reach the folder.
    await chmod(root, 0o755);
    dataDir = join(root, 'stack');
    stackTmp = join(root, 'tmp');
    await mkdir(stackTmp);
    ports.postgres = await findFreePort();
    ports.kafka = await findFreePort();
  });

  afterAll(async () => {
    // Only after a failed test is anything left: do not let it outlive the run.
    for (const line of await leftovers()) killProcessGroup(Number(line.split(' ')[0]), 'SIGKILL');
    await rm(root, { recursive: true, force: true });
  });

  it(
    'honours POSTGRES_PORT and KAFKA_PORT, is found by the producer, and stops everything on Ctrl-C',
    async () => {
      const sut = await startStack();

      expect(sut.state.ports).toEqual({ postgres: ports.postgres, kafka: ports.kafka });
      expect(sut.state.kafkaBrokers).toEqual([`127.0.0.1:${ports.kafka}`]);
      expect(new URL(sut.state.databaseUrl).port).toBe(String(ports.postgres));
      const printed = (label: string): string | undefined =>
        new RegExp(`^ {2}${label} +(\\S+)$`, 'm').exec(sut.output())?.[1];
      expect(printed('KAFKA_BROKERS')).toBe(`127.0.0.1:${ports.kafka}`);
      expect(printed('DATABASE_URL')).toBe(sut.state.databaseUrl);
      // Its credentials are its own: a process holding other ones is refused.
      const foreign = new URL(sut.state.databaseUrl);
      foreign.password = 'postgres';
      await expect(query(foreign.toString(), 'select 1')).rejects.toThrow(/password/);
      await query(sut.state.databaseUrl, `insert into services (name) values ('kept')`);
      // So are the broker's: drawn for this folder, printed, handed to the tools in stack.json.
      const credentials = JSON.parse(await readFile(join(dataDir, 'credentials.json'), 'utf8')) as {
        kafkaUser: string;
        kafkaPassword: string;
      };
      expect(sut.state.kafkaSasl).toEqual({
        mechanism: 'plain',
        username: credentials.kafkaUser,
        password: credentials.kafkaPassword,
      });
      expect(printed('KAFKA_SASL_USERNAME')).toBe(credentials.kafkaUser);
      expect(printed('KAFKA_SASL_PASSWORD')).toBe(credentials.kafkaPassword);
      // The test run's own stack is another copy: its credentials differ and are refused here.
      const otherStack = testKafkaConnection();
      expect(otherStack.sasl?.password).toBeDefined();
      expect(otherStack.sasl?.password).not.toBe(credentials.kafkaPassword);
      await expect(
        messagesOn(sut.state, { brokers: sut.state.kafkaBrokers, sasl: otherStack.sasl }),
      ).rejects.toThrow(/SASL PLAIN authentication failed/);
      await expect(messagesOn(sut.state, { brokers: sut.state.kafkaBrokers })).rejects.toThrow();

      const produced = await promisify(execFile)(
        'npm',
        [
          'run',
          '--silent',
          'produce',
          '--',
          '--uploads',
          '2',
          '--long-path-share',
          '0',
          '--error-share',
          '0',
          // Every upload runs to the end (a stalled one sends fewer than 7 messages).
          '--stall-share',
          '0',
        ],
        { cwd: workspaceRoot(), env: { ...stackEnv(), LOCAL_STACK_DIR: dataDir } },
      );
      expect(JSON.parse(produced.stdout)).toMatchObject({
        topic: 'platform.payload-status',
        messages: 14,
      });
      expect(await messagesOn(sut.state)).toBe(14);

      killProcessGroup(sut.npm.pid ?? 0, 'SIGINT');
      await sut.exited;
      expect(sut.output()).toMatch(/\[local-stack\] stopping\n[\s\S]*\[local-stack\] stopped\n/);
      await expectNothingLeft();
    },
    START_TIMEOUT_MS + 60_000,
  );

  it(
    'keeps the data across a restart, and stops everything on SIGTERM to npm',
    async () => {
      const sut = await startStack();

      expect(
        await query(sut.state.databaseUrl, `select name from services where name = 'kept'`),
      ).toEqual([{ name: 'kept' }]);
      expect(await messagesOn(sut.state)).toBe(14);

      sut.npm.kill('SIGTERM');
      await sut.exited;
      expect(sut.output()).toContain('[local-stack] stopped');
      await expectNothingLeft();
    },
    START_TIMEOUT_MS + 60_000,
  );

  it(
    'starts empty with --fresh, falls back from a taken port and says so, and leaves nothing when the stack process is killed',
    async () => {
      const credentialsBefore = await readFile(join(dataDir, 'credentials.json'), 'utf8');
      const squatter: Server = createServer();
      await new Promise<void>((resolve) => squatter.listen(ports.postgres, '127.0.0.1', resolve));
      try {
        const sut = await startStack(['--fresh']);

        expect(sut.state.ports['postgres']).not.toBe(ports.postgres);
        expect(sut.output()).toContain(
          `PostgreSQL: port ${ports.postgres} (POSTGRES_PORT) is taken, using ${sut.state.ports['postgres']} instead`,
        );
        expect(
          await query(sut.state.databaseUrl, `select name from services where name = 'kept'`),
        ).toEqual([]);
        expect(await readFile(join(dataDir, 'credentials.json'), 'utf8')).not.toBe(
          credentialsBefore,
        );

        process.kill(sut.state.pid, 'SIGKILL');
        await sut.exited;
        await expectNothingLeft();
      } finally {
        await new Promise((resolve) => squatter.close(resolve));
      }
    },
    START_TIMEOUT_MS + 60_000,
  );
});
