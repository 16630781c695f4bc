import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { workspaceRoot } from '../stack/workspace-root';

/**
 * The owner's end of a guard process (process-guard.main.ts): whatever the owner registers here
 * is stopped and removed by the guard if the owner dies without doing it itself. The guard runs
 * detached, in a session of its own, so neither a terminal's signals nor the owner's death
 * reach it before it has done its work.
 */
export class ProcessGuard {
  private constructor(private readonly child: ChildProcess) {}

  /** Starts a guard; `label` names it in `ps` (the stack passes its data folder). */
  static start(label: string): ProcessGuard {
    const root = workspaceRoot();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(__dirname, 'process-guard.main.ts'), label],
      { cwd: root, detached: true, stdio: ['pipe', 'ignore', 'inherit'] },
    );
    // The guard must never keep its owner alive, nor die with the owner's process group.
    child.unref();
    (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    return new ProcessGuard(child);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Stops the process group of `pid` if the owner dies. */
  watch(pid: number, name: string): void {
    this.send({ watch: { pid, name } });
  }

  forget(pid: number): void {
    this.send({ forget: pid });
  }

  /** Removes `path` if the owner dies. */
  remove(path: string): void {
    this.send({ remove: path });
  }

  keep(path: string): void {
    this.send({ keep: path });
  }

  /**
   * Ends the guard, which first stops whatever is still watched and removes the paths: after an
   * orderly stop nothing is (everything was forgotten on the way); during a start, the servers
   * being started are.
   */
  close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    // Waiting for it must keep this process alive (it was unreferenced so far).
    this.child.ref();
    this.child.stdin?.end();
    return exited;
  }

  private send(command: object): void {
    this.child.stdin?.write(`${JSON.stringify(command)}\n`);
  }
}
