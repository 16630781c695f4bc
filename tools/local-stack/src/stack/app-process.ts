import { spawn, type ChildProcess } from 'node:child_process';
import { killProcessGroup } from '../process/process-group';
import type { ProcessGuard } from '../process/process-guard';

/**
 * A child process whose output lines are prefixed with its name, in a process group of its own
 * (a terminal's Ctrl-C reaches the stack, which stops its children in order); stopped with
 * SIGTERM, then SIGKILL.
 */
export class AppProcess {
  private readonly child: ChildProcess;
  private readonly exited: Promise<number | null>;

  constructor(
    readonly name: string,
    command: string,
    args: string[],
    options: { cwd: string; env: NodeJS.ProcessEnv; guard?: ProcessGuard },
  ) {
    this.child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const pid = this.child.pid;
    if (pid !== undefined) options.guard?.watch(pid, name);
    const prefix = `[${name}] `;
    const forward = (chunk: Buffer): void => {
      for (const line of chunk.toString().split('\n'))
        if (line) process.stdout.write(prefix + line + '\n');
    };
    this.child.stdout?.on('data', forward);
    this.child.stderr?.on('data', forward);
    this.exited = new Promise((resolve) => {
      this.child.once('error', (error) => {
        process.stdout.write(`${prefix}could not start: ${error.message}\n`);
        resolve(null);
      });
      this.child.once('exit', (code) => {
        if (pid !== undefined) options.guard?.forget(pid);
        resolve(code);
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get hasExited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  wait(): Promise<number | null> {
    return this.exited;
  }

  async stop(graceMs = 25_000): Promise<void> {
    const pid = this.child.pid;
    if (this.hasExited || pid === undefined) return;
    killProcessGroup(pid, 'SIGTERM');
    const killer = setTimeout(() => killProcessGroup(pid, 'SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(killer);
  }
}
