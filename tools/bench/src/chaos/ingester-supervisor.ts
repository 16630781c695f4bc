import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';

import { findFreePort, workspaceRoot } from '@payload-tracker/local-stack';

/** How long the orchestrator waits before it starts an ingester that exited by itself. */
const RESTART_DELAY_MS = 1_000;

/**
 * The built ingester as an orchestrator runs it: one process at a time, started again when it
 * exits (after a short delay, as a kubelet does), on one operations port. `kill()` is the
 * run's SIGKILL; any other exit counts as unexpected.
 */
export class IngesterSupervisor {
  private child: ChildProcess | undefined;
  private isStopping = false;
  private isKilling = false;
  private unexpected = 0;
  private readonly log: WriteStream;

  private constructor(
    private readonly main: string,
    private readonly env: NodeJS.ProcessEnv,
    readonly metricsPort: number,
    logFile: string,
  ) {
    this.log = createWriteStream(logFile, { flags: 'a' });
  }

  static async start(
    main: string,
    env: Readonly<Record<string, string>>,
    logFile: string,
  ): Promise<IngesterSupervisor> {
    const metricsPort = await findFreePort();
    const supervisor = new IngesterSupervisor(
      main,
      { PATH: process.env['PATH'], ...env, METRICS_PORT: String(metricsPort) },
      metricsPort,
      logFile,
    );
    supervisor.spawn();
    return supervisor;
  }

  /** Exits the run did not cause (a crash, an exit on a fault). */
  get unexpectedExits(): number {
    return this.unexpected;
  }

  /** Whether `/health/ready` answers 200 now. */
  async isReady(): Promise<boolean> {
    try {
      const response = await fetch(`http://127.0.0.1:${this.metricsPort.toString()}/health/ready`, {
        signal: AbortSignal.timeout(2_000),
      });
      await response.arrayBuffer();
      return response.ok;
    } catch {
      return false;
    }
  }

  /** SIGKILLs the process and starts a new one at once (a pod replaced after a node failure). */
  async kill(): Promise<void> {
    const child = this.child;
    if (child === undefined) return;
    this.isKilling = true;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
    this.isKilling = false;
    this.spawn();
  }

  /** SIGTERM, as at a rollout; resolves with the exit code. */
  async stop(): Promise<number | null> {
    this.isStopping = true;
    const child = this.child;
    if (child === undefined || child.exitCode !== null) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const code = await exited;
    clearTimeout(killer);
    this.log.end();
    return code;
  }

  private spawn(): void {
    const child = spawn(process.execPath, [this.main], {
      cwd: workspaceRoot(),
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(this.log, { end: false });
    child.stderr?.pipe(this.log, { end: false });
    child.once('exit', (code, signal) => {
      if (this.child !== child || this.isStopping || this.isKilling) return;
      this.unexpected += 1;
      this.log.write(
        `\n[chaos] ingester exited by itself (code ${String(code)}, ${String(signal)})\n`,
      );
      setTimeout(() => {
        if (!this.isStopping) this.spawn();
      }, RESTART_DELAY_MS);
    });
    this.child = child;
  }
}
