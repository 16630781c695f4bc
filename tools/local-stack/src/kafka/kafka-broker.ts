import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
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
import {
  drawKafkaSasl,
  kafkaClientConfig,
  type KafkaConnection,
  type KafkaSasl,
} from './kafka-connection';

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
  /**
   * The one user the broker knows (SASL/PLAIN on both listeners): a stack folder's, kept in its
   * `credentials.json`; new ones when absent. Only `plain` is accepted.
   */
  sasl?: KafkaSasl;
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

/**
 * SASL/PLAIN with one user on both listeners, so nothing without the stack's credentials reaches
 * the broker or the controller (the controller port answers admin requests too). PLAIN, not
 * SCRAM: its users live in the properties, rewritten on every start, where SCRAM's would be
 * written into the storage once, at format time, and a kept folder could never change them.
 */
function saslProperties(sasl: KafkaSasl): string[] {
  const jaas =
    'org.apache.kafka.common.security.plain.PlainLoginModule required ' +
    `username="${sasl.username}" password="${sasl.password}" ` +
    `user_${sasl.username}="${sasl.password}";`;
  return [
    'sasl.enabled.mechanisms=PLAIN',
    'sasl.mechanism.inter.broker.protocol=PLAIN',
    'sasl.mechanism.controller.protocol=PLAIN',
    `listener.name.broker.plain.sasl.jaas.config=${jaas}`,
    `listener.name.controller.plain.sasl.jaas.config=${jaas}`,
  ];
}

function serverProperties(
  port: number,
  controllerPort: number,
  logDir: string,
  sasl: KafkaSasl,
): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=BROKER://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=BROKER://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=BROKER',
    'listener.security.protocol.map=BROKER:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT',
    ...saslProperties(sasl),
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
    /** The credentials every client of this broker signs in with. */
    readonly sasl: KafkaSasl,
    private readonly workDir: string,
    private readonly isOwnedDir: boolean,
    private readonly options: KafkaBrokerOptions,
  ) {}

  static async create(options: KafkaBrokerOptions = {}): Promise<KafkaBroker> {
    const port = options.port ?? (await findFreePort());
    const sasl = options.sasl ?? drawKafkaSasl();
    if (sasl.mechanism !== 'plain') {
      throw new Error(`a local broker takes SASL/PLAIN only, not ${sasl.mechanism}`);
    }
    if (options.workDir) {
      await mkdir(options.workDir, { recursive: true });
      return new KafkaBroker(port, sasl, options.workDir, false, options);
    }
    const workDir = await mkdtemp(join(tmpdir(), WORK_DIR_PREFIX));
    return new KafkaBroker(port, sasl, workDir, true, options);
  }

  get brokers(): string[] {
    return [`127.0.0.1:${this.port}`];
  }

  /** The brokers and the sign-in, for clients. */
  get connection(): KafkaConnection {
    return { brokers: this.brokers, sasl: this.sasl };
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
    // The properties hold the password: for this user's eyes only.
    await writeFile(
      propertiesFile,
      serverProperties(this.port, controllerPort, dataDir, this.sasl),
      { mode: 0o600 },
    );
    await chmod(propertiesFile, 0o600);
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

    const kafka = new Kafka(
      kafkaClientConfig(this.connection, { logLevel: logLevel.NOTHING, retry: { retries: 0 } }),
    );
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
