import { spawn, type ChildProcess } from 'node:child_process';

/** A child process whose output lines are prefixed with its name; stopped with SIGTERM. */
export class AppProcess {
  private readonly child: ChildProcess;
  private readonly exited: Promise<number | null>;

  constructor(
    readonly name: string,
    command: string,
    args: string[],
    options: { cwd: string; env: NodeJS.ProcessEnv },
  ) {
    this.child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    const prefix = `[${name}] `;
    const forward = (chunk: Buffer): void => {
      for (const line of chunk.toString().split('\n'))
        if (line) process.stdout.write(prefix + line + '\n');
    };
    this.child.stdout?.on('data', forward);
    this.child.stderr?.on('data', forward);
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  get hasExited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  wait(): Promise<number | null> {
    return this.exited;
  }

  async stop(graceMs = 25_000): Promise<void> {
    if (this.hasExited) return;
    this.child.kill('SIGTERM');
    const killer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(killer);
  }
}
