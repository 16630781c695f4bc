import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { findFreePort, kafkaEnvironment, waitUntil } from '@payload-tracker/local-stack';
import type { KafkaConnection } from '@payload-tracker/local-stack';

const WORKSPACE_ROOT = join(__dirname, '..', '..', '..', '..');
const MAX_OUTPUT_CHARS = 200_000;

/** What an ingester child process connects to. */
export interface IngesterProcessOptions {
  databaseUrl: string;
  /** The brokers and their sign-in (`TestTopics.kafka`). */
  kafka: KafkaConnection;
  topic: string;
  dlqTopic: string;
  groupId: string;
  /** Extra or overriding variables. */
  env?: Readonly<Record<string, string>>;
  /**
   * `KAFKA_SESSION_TIMEOUT_MS`: the broker's minimum (6000) unless given; `'default'` leaves it
   * unset, so the ingester's own default applies (what a deployment gets).
   */
  sessionTimeoutMs?: number | 'default';
}

/** The readiness body's `kafka` part, as the health endpoint reports it. */
export interface ReadinessBody {
  status?: string;
  details?: Record<string, { status?: string; message?: string; partitions?: number[] }>;
}

/**
 * The real ingester (`apps/ingester/src/main.ts`) run as a child process through
 * `@swc-node/register`, so a test can SIGTERM or SIGKILL it like an orchestrator would.
 */
export class IngesterProcess {
  private output = '';
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(
    private readonly child: ChildProcess,
    readonly metricsPort: number,
  ) {
    const collect = (chunk: Buffer): void => {
      this.output = (this.output + chunk.toString()).slice(-MAX_OUTPUT_CHARS);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
  }

  /** Starts the process and waits until its HTTP side answers `/health/live`. */
  static async start(options: IngesterProcessOptions): Promise<IngesterProcess> {
    const sut = await IngesterProcess.spawn(options);
    try {
      await sut.waitUntilLive();
    } catch (error: unknown) {
      await sut.kill();
      throw error;
    }
    return sut;
  }

  /** Starts the process without waiting for anything. */
  static async spawn(options: IngesterProcessOptions): Promise<IngesterProcess> {
    const metricsPort = await findFreePort();
    const sessionTimeoutMs = options.sessionTimeoutMs ?? 6000;
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', 'apps/ingester/src/main.ts'],
      {
        cwd: WORKSPACE_ROOT,
        env: {
          PATH: process.env['PATH'],
          SWC_NODE_PROJECT: 'apps/ingester/tsconfig.app.json',
          KAFKAJS_NO_PARTITIONER_WARNING: '1',
          DATABASE_URL: options.databaseUrl,
          ...kafkaEnvironment(options.kafka),
          KAFKA_TOPIC: options.topic,
          KAFKA_DLQ_TOPIC: options.dlqTopic,
          KAFKA_GROUP_ID: options.groupId,
          METRICS_PORT: String(metricsPort),
          // The broker's minimum by default: a SIGKILLed member's partitions move on quickly.
          ...(sessionTimeoutMs === 'default'
            ? {}
            : { KAFKA_SESSION_TIMEOUT_MS: String(sessionTimeoutMs) }),
          RETRY_MAX_BACKOFF_MS: '1000',
          DB_POOL_SIZE: '4',
          LOG_LEVEL: 'info',
          ...options.env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    return new IngesterProcess(child, metricsPort);
  }

  /** Waits until `/health/live` answers 200; fails at once if the process exits. */
  async waitUntilLive(options: { timeoutMs?: number; intervalMs?: number } = {}): Promise<void> {
    await waitUntil(
      'ingester /health/live',
      async () => {
        if (this.hasExited) {
          throw new Error(`ingester exited during start-up:\n${this.logs()}`);
        }
        const response = await fetch(this.url('/health/live'));
        if (!response.ok) {
          throw new Error(`live answered ${response.status}`);
        }
      },
      { timeoutMs: 60_000, ...options },
    );
  }

  get hasExited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.metricsPort}${path}`;
  }

  /** The last lines the process printed (for failure messages). */
  logs(): string {
    return this.output.slice(-20_000);
  }

  async readiness(): Promise<{ status: number; partitions: number[]; body: ReadinessBody }> {
    const response = await fetch(this.url('/health/ready'));
    const body = (await response.json()) as ReadinessBody;
    return { status: response.status, partitions: body.details?.['kafka']?.partitions ?? [], body };
  }

  /** Sum of every sample of a metric whose labels include `labels`. */
  async metric(name: string, labels: Readonly<Record<string, string>> = {}): Promise<number> {
    const text = await (await fetch(this.url('/metrics'))).text();
    const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
    let sum = 0;
    for (const line of text.split('\n')) {
      const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})? (\S+)$/.exec(line);
      if (match?.[1] === name && wanted.every((label) => (match[2] ?? '').includes(label))) {
        sum += Number(match[3]);
      }
    }
    return sum;
  }

  async waitUntilReady(): Promise<void> {
    await waitUntil('ingester readiness', async () => {
      const { status } = await this.readiness();
      if (status !== 200) {
        throw new Error(`ready answered ${status}`);
      }
    });
  }

  /** SIGTERM, then the exit code (a hang fails the test through jest's timeout). */
  async stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (!this.hasExited) {
      this.child.kill('SIGTERM');
    }
    return this.exited;
  }

  async kill(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (!this.hasExited) {
      this.child.kill('SIGKILL');
    }
    return this.exited;
  }
}
