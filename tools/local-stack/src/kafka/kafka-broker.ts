import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { findFreePort } from '../net/free-port';
import { waitUntil } from '../net/wait-until';
import { explainMissingCommand } from '../process/missing-command';
import { isProcessAlive, killProcessGroup, processCommandLine } from '../process/process-group';
import type { ProcessGuard } from '../process/process-guard';
import { ensureKafkaDistribution } from './kafka-distribution';

const run = promisify(execFile);

export interface KafkaBrokerOptions {
  port?: number;
  /** Port of the controller listener; a free one when absent. */
  controllerPort?: number;
  /**
   * Folder of the broker's properties, log and data, kept by `stop` (the local stack's
   * `.local-stack/kafka`); a new temporary folder when absent, removed by `stop`.
   */
  workDir?: string;
  /** Registers the broker with the stack's guard, which stops it if the owner dies. */
  guard?: ProcessGuard;
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
    if (!owner || isProcessAlive(owner.ownerPid)) continue;
    // The pid may have been reused since: only a JVM started on this folder's properties goes.
    if (processCommandLine(owner.brokerPid).includes(dir))
      killProcessGroup(owner.brokerPid, 'SIGKILL');
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
 * JVM child process bound to 127.0.0.1, in a process group of its own (a terminal's Ctrl-C
 * reaches the stack, which stops the broker after the apps that use it).
 */
export class KafkaBroker {
  private process?: ChildProcess;
  private exited?: Promise<void>;

  private constructor(
    readonly port: number,
    private readonly workDir: string,
    private readonly isOwnedDir: boolean,
    private readonly options: KafkaBrokerOptions,
  ) {}

  static async create(options: KafkaBrokerOptions = {}): Promise<KafkaBroker> {
    const port = options.port ?? (await findFreePort());
    if (options.workDir) {
      await mkdir(options.workDir, { recursive: true });
      return new KafkaBroker(port, options.workDir, false, options);
    }
    const workDir = await mkdtemp(join(tmpdir(), WORK_DIR_PREFIX));
    return new KafkaBroker(port, workDir, true, options);
  }

  get brokers(): string[] {
    return [`127.0.0.1:${this.port}`];
  }

  /** Process id of the running broker. */
  get pid(): number | undefined {
    return this.process?.pid;
  }

  async start(): Promise<void> {
    const log = this.options.log ?? (() => undefined);
    await reapOrphanBrokers();
    const libDir = await ensureKafkaDistribution(log);
    const classPath = `${libDir}/*`;
    const controllerPort = this.options.controllerPort ?? (await findFreePort());
    const propertiesFile = join(this.workDir, 'server.properties');
    const dataDir = join(this.workDir, 'data');
    await writeFile(propertiesFile, serverProperties(this.port, controllerPort, dataDir));
    const jvmLogFlag = '-Dorg.slf4j.simpleLogger.defaultLogLevel=warn';
    // A kept folder was formatted by an earlier start: its topics and offsets stay.
    if (!existsSync(join(dataDir, 'meta.properties'))) {
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
      ]).catch((error: unknown) => {
        throw explainMissingCommand('java', error);
      });
    }

    const logFile = join(this.workDir, 'broker.log');
    const output = openSync(logFile, 'w');
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
      { detached: true, stdio: ['ignore', output, output] },
    );
    closeSync(output);
    this.process = child;
    let failure: Error | undefined;
    child.once('error', (error) => {
      failure = explainMissingCommand('java', error);
    });
    this.exited = new Promise((resolve) => child.once('close', () => resolve()));
    let exitCode: number | null = null;
    child.once('exit', (code) => {
      exitCode = code;
    });
    if (child.pid !== undefined) {
      this.options.guard?.watch(child.pid, 'kafka');
      await writeFile(
        join(this.workDir, 'owner.json'),
        JSON.stringify({ ownerPid: process.pid, brokerPid: child.pid }),
      );
    }

    const kafka = new Kafka({
      brokers: this.brokers,
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
    });
    try {
      await waitUntil(
        'Kafka',
        async () => {
          if (failure) throw failure;
          if (exitCode !== null) throw new Error(`broker exited with ${exitCode}; see ${logFile}`);
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
    } catch (error: unknown) {
      await this.stop();
      throw failure ?? error;
    }
    log(`Kafka ${this.brokers.join(',')} is up (log: ${logFile})`);
  }

  /** Stops the broker (SIGTERM, then SIGKILL after 15 s); removes a temporary folder it created. */
  async stop(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (child?.pid !== undefined) {
      const pid = child.pid;
      if (child.exitCode === null && child.signalCode === null) {
        killProcessGroup(pid, 'SIGTERM');
        const killer = setTimeout(() => killProcessGroup(pid, 'SIGKILL'), 15_000);
        await this.exited;
        clearTimeout(killer);
      }
      this.options.guard?.forget(pid);
    }
    await rm(join(this.workDir, 'owner.json'), { force: true });
    if (this.isOwnedDir) await rm(this.workDir, { recursive: true, force: true });
  }
}
