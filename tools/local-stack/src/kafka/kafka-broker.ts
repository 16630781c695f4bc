import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { findFreePort } from '../net/free-port';
import { waitUntil } from '../net/wait-until';
import { ensureKafkaDistribution } from './kafka-distribution';

const run = promisify(execFile);

export interface KafkaBrokerOptions {
  port?: number;
  log?: (line: string) => void;
}

/**
 * A KRaft cluster id: 16 random bytes, base64url without padding (Kafka's Uuid text form). One
 * that starts with `-` would read as an option to StorageTool, so those are drawn again.
 */
export function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

const WORK_DIR_PREFIX = 'pt-kafka-';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Kills brokers left behind by a stack whose owning process died without stopping them (a
 * SIGKILLed test run, a closed terminal), found through the owner file each broker leaves.
 */
export async function reapOrphanBrokers(): Promise<void> {
  const entries = await readdir(tmpdir()).catch(() => [] as string[]);
  for (const entry of entries.filter((name) => name.startsWith(WORK_DIR_PREFIX))) {
    const dir = join(tmpdir(), entry);
    const owner = await readFile(join(dir, 'owner.json'), 'utf8').then(
      (text) => JSON.parse(text) as { ownerPid: number; brokerPid: number },
      () => undefined,
    );
    if (!owner || isAlive(owner.ownerPid)) continue;
    if (isAlive(owner.brokerPid)) process.kill(owner.brokerPid, 'SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }
}

function serverProperties(port: number, controllerPort: number, logDir: string): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    `log.dirs=${logDir}`,
    'num.partitions=1',
    'auto.create.topics.enable=false',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=10',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    'log.flush.interval.messages=9223372036854775807',
    '',
  ].join('\n');
}

/**
 * A real single-node Apache Kafka broker in KRaft mode (combined broker + controller), run as a
 * JVM child process bound to 127.0.0.1.
 */
export class KafkaBroker {
  private process?: ChildProcess;
  private exited?: Promise<void>;

  private constructor(
    readonly port: number,
    private readonly workDir: string,
    private readonly options: KafkaBrokerOptions,
  ) {}

  static async create(options: KafkaBrokerOptions = {}): Promise<KafkaBroker> {
    const port = options.port ?? (await findFreePort());
    const workDir = await mkdtemp(join(tmpdir(), WORK_DIR_PREFIX));
    return new KafkaBroker(port, workDir, options);
  }

  get brokers(): string[] {
    return [`127.0.0.1:${this.port}`];
  }

  async start(): Promise<void> {
    const log = this.options.log ?? (() => undefined);
    await reapOrphanBrokers();
    const libDir = await ensureKafkaDistribution(log);
    const classPath = `${libDir}/*`;
    const controllerPort = await findFreePort();
    const propertiesFile = join(this.workDir, 'server.properties');
    await writeFile(
      propertiesFile,
      serverProperties(this.port, controllerPort, join(this.workDir, 'data')),
    );
    const jvmLogFlag = '-Dorg.slf4j.simpleLogger.defaultLogLevel=warn';
    await run('java', [
      jvmLogFlag,
      '-cp',
      classPath,
      'kafka.tools.StorageTool',
      'format',
      '-t',
      newClusterId(),
      '-c',
      propertiesFile,
    ]);

    const output = createWriteStream(join(this.workDir, 'broker.log'));
    const child = spawn(
      'java',
      [
        '-Xms256m',
        '-Xmx768m',
        '-XX:+UseG1GC',
        '-Djava.awt.headless=true',
        jvmLogFlag,
        '-cp',
        classPath,
        'kafka.Kafka',
        propertiesFile,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout.pipe(output);
    child.stderr.pipe(output);
    this.process = child;
    await writeFile(
      join(this.workDir, 'owner.json'),
      JSON.stringify({ ownerPid: process.pid, brokerPid: child.pid }),
    );
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    let exitCode: number | null = null;
    child.once('exit', (code) => {
      exitCode = code;
    });

    const kafka = new Kafka({
      brokers: this.brokers,
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
    });
    await waitUntil(
      'Kafka',
      async () => {
        if (exitCode !== null)
          throw new Error(`broker exited with ${exitCode}; see ${this.workDir}/broker.log`);
        const admin = kafka.admin();
        await admin.connect();
        try {
          await admin.describeCluster();
        } finally {
          await admin.disconnect();
        }
      },
      { timeoutMs: 90_000, intervalMs: 250 },
    );
    log(`Kafka ${this.brokers.join(',')} is up (log: ${this.workDir}/broker.log)`);
  }

  /** Stops the broker (SIGTERM, then SIGKILL after 15 s) and removes its data. */
  async stop(): Promise<void> {
    const child = this.process;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await this.exited;
      clearTimeout(killer);
    }
    this.process = undefined;
    await rm(this.workDir, { recursive: true, force: true });
  }
}
