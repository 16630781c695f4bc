/**
 * The BUILT api (`dist/apps/api/main.js`) as a child process, as it runs in production
 * (plain `node`, no ts transpiler), so its CPU and memory are what the benchmark measures.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findFreePort, workspaceRoot } from '@payload-tracker/local-stack';
import { processCpuSeconds } from './process-cpu';

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

/** Options of {@link ApiProcess.start}. */
export interface ApiProcessOptions {
  readonly databaseUrl: string;
  /** Where the api's stdout and stderr go. */
  readonly logFile: string;
  readonly extraEnv?: Record<string, string>;
}

/** A running api child process. */
export class ApiProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly baseUrl: string,
  ) {}

  /** Starts the built api on free ports and waits until `/health/live` answers. */
  static async start(options: ApiProcessOptions): Promise<ApiProcess> {
    const main = join(workspaceRoot(), 'dist/apps/api/main.js');
    if (!existsSync(main)) {
      throw new Error(`${main} is missing: run \`npx nx run api:build\` first`);
    }
    const port = await findFreePort();
    const metricsPort = await findFreePort();
    const log = openSync(options.logFile, 'a');
    const child = spawn(process.execPath, [main], {
      cwd: workspaceRoot(),
      env: {
        PATH: process.env['PATH'] ?? '',
        NODE_ENV: 'production',
        DATABASE_URL: options.databaseUrl,
        API_PORT: port.toString(),
        METRICS_PORT: metricsPort.toString(),
        // The bench is one client address sending thousands of requests a second.
        MAX_REQUESTS_PER_MINUTE: '100000000',
        ...options.extraEnv,
      },
      stdio: ['ignore', log, log],
    });
    const api = new ApiProcess(child, `http://127.0.0.1:${port.toString()}`);
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) {
        throw new Error(`the api exited with ${child.exitCode.toString()}: see ${options.logFile}`);
      }
      try {
        if ((await fetch(`${api.baseUrl}/health/live`)).ok) {
          return api;
        }
      } catch {
        // Not listening yet.
      }
      if (Date.now() > deadline) {
        await api.stop();
        throw new Error(`the api did not answer within 60 s: see ${options.logFile}`);
      }
      await sleep(200);
    }
  }

  /** Resident set size now (`VmRSS`), in MiB. */
  rssMb(): number {
    const status = readFileSync(`/proc/${String(this.child.pid)}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
    return match?.[1] === undefined ? Number.NaN : Math.round(Number(match[1]) / 1024);
  }

  /** Peak resident set size so far (`VmHWM`), in MiB. */
  peakRssMb(): number {
    const status = readFileSync(`/proc/${String(this.child.pid)}/status`, 'utf8');
    const match = /^VmHWM:\s+(\d+) kB/m.exec(status);
    return match?.[1] === undefined ? Number.NaN : Math.round(Number(match[1]) / 1024);
  }

  /** CPU time (user + system) the api has used so far, in seconds. */
  cpuSeconds(): number {
    return this.child.pid === undefined ? Number.NaN : processCpuSeconds(this.child.pid);
  }

  /** SIGTERM, then waits for the exit (SIGKILL after 15 s). */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) {
      return;
    }
    const exited = new Promise<void>((resolve) => {
      this.child.once('exit', () => {
        resolve();
      });
    });
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}
