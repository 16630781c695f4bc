import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { drawKafkaSasl } from '../kafka/kafka-connection';
import {
  isProcessAlive,
  isProcessGroupAlive,
  killProcessGroup,
  processCommandLine,
} from '../process/process-group';
import { localStackStateFile, readLocalStackState, type LocalStackState } from './stack-state';

/** Credentials of one stack folder, drawn when the folder is new: no two copies share them. */
export interface StackCredentials {
  postgresUser: string;
  postgresPassword: string;
  database: string;
  /** The broker's one SASL/PLAIN user, for every client of this stack. */
  kafkaUser: string;
  kafkaPassword: string;
}

/**
 * The local stack's one folder (`.local-stack/` in the workspace, ignored by git): PostgreSQL's
 * data (`postgres/`), the broker's (`kafka/`), the credentials drawn for them and, while a stack
 * runs, `stack.json`, which the tools read to find it.
 */
export class StackFolder {
  constructor(readonly dir: string) {}

  get stateFile(): string {
    return localStackStateFile(this.dir);
  }

  private get credentialsFile(): string {
    return join(this.dir, 'credentials.json');
  }

  /**
   * Makes the folder ready: refuses when a stack already runs from it, cleans up after one that
   * died without stopping, wipes the data with `fresh`, and returns the folder's credentials.
   */
  async prepare(options: {
    fresh: boolean;
    log: (line: string) => void;
  }): Promise<StackCredentials> {
    await mkdir(this.dir, { recursive: true });
    // PostgreSQL runs as its own user when the stack runs as root: it must reach postgres/.
    await chmod(this.dir, 0o755);
    const previous = readLocalStackState(this.dir);
    if (previous && isProcessAlive(previous.pid) && previous.pid !== process.pid) {
      throw new Error(
        `a local stack already runs from ${this.dir} (pid ${previous.pid}): stop it first ` +
          `(Ctrl-C in its terminal, or kill ${previous.pid}), or give this copy a folder of its own ` +
          'with LOCAL_STACK_DIR=<folder>',
      );
    }
    if (previous) {
      await this.stopLeftovers(previous, options.log);
      await rm(this.stateFile, { force: true });
    }
    if (options.fresh) {
      options.log(`--fresh: removing the data in ${this.dir}`);
      for (const entry of ['postgres', 'postgres.log', 'kafka', 'credentials.json'])
        await rm(join(this.dir, entry), { recursive: true, force: true });
    }
    return this.credentials();
  }

  async writeState(state: LocalStackState): Promise<void> {
    const temporary = `${this.stateFile}.${process.pid}`;
    await writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
    await rename(temporary, this.stateFile);
  }

  async removeState(): Promise<void> {
    await rm(this.stateFile, { force: true });
  }

  private async credentials(): Promise<StackCredentials> {
    const stored = await readFile(this.credentialsFile, 'utf8').then(
      (text) =>
        JSON.parse(text) as Partial<StackCredentials> &
          Omit<StackCredentials, 'kafkaUser' | 'kafkaPassword'>,
      () => undefined,
    );
    const kafka = drawKafkaSasl();
    if (stored) {
      const { kafkaUser, kafkaPassword } = stored;
      if (kafkaUser && kafkaPassword) return { ...stored, kafkaUser, kafkaPassword };
      // A folder from before the broker wanted a sign-in: its PostgreSQL data stays, and the
      // broker's users live in its properties, rewritten on every start.
      const completed = { ...stored, kafkaUser: kafka.username, kafkaPassword: kafka.password };
      await this.writeCredentials(completed);
      return completed;
    }
    const drawn: StackCredentials = {
      postgresUser: 'payload_tracker',
      postgresPassword: randomBytes(18).toString('base64url'),
      database: 'payload_tracker',
      kafkaUser: kafka.username,
      kafkaPassword: kafka.password,
    };
    // A password without its data folder is useless: a folder without one starts empty.
    await rm(join(this.dir, 'postgres'), { recursive: true, force: true });
    await this.writeCredentials(drawn);
    return drawn;
  }

  private async writeCredentials(credentials: StackCredentials): Promise<void> {
    await writeFile(this.credentialsFile, `${JSON.stringify(credentials, null, 2)}\n`, {
      mode: 0o600,
    });
  }

  /** Stops processes a stack that died left running (the guard normally did it already). */
  private async stopLeftovers(state: LocalStackState, log: (line: string) => void): Promise<void> {
    const leftovers = Object.entries(state.processes).filter(
      // A pid may have been reused since: only a process started on this folder goes.
      ([, pid]) => isProcessAlive(pid) && processCommandLine(pid).includes(this.dir),
    );
    for (const [name, pid] of leftovers) {
      log(`stopping ${name} (pid ${pid}), left running by a stack that did not stop`);
      killProcessGroup(pid, 'SIGTERM');
    }
    const deadline = Date.now() + 20_000;
    for (const [, pid] of leftovers) {
      while (isProcessGroupAlive(pid) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 100));
      if (isProcessGroupAlive(pid)) killProcessGroup(pid, 'SIGKILL');
    }
  }
}
