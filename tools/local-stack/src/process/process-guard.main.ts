import { rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { isProcessGroupAlive, killProcessGroup } from './process-group';

/**
 * The guard of one stack: a detached process that outlives its owner. The owner writes one JSON
 * command per line on the guard's stdin (`watch` a process group, `forget` it, `remove` a path
 * on cleanup, `keep` it). When stdin closes while something is still watched (the owner died:
 * SIGKILL, a crash, an uncaught error), the guard stops every watched process group, newest
 * first, and removes the paths. An owner that stopped everything itself forgets them first, and
 * the guard then exits without touching anything.
 */
interface GuardCommand {
  watch?: { pid: number; name: string };
  forget?: number;
  remove?: string;
  keep?: string;
}

const GRACE_MS = 15_000;

const watched = new Map<number, string>();
const paths = new Set<string>();

async function stopGroup(pid: number): Promise<void> {
  killProcessGroup(pid, 'SIGTERM');
  const deadline = Date.now() + GRACE_MS;
  while (isProcessGroupAlive(pid) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (isProcessGroupAlive(pid)) killProcessGroup(pid, 'SIGKILL');
}

async function cleanUp(): Promise<void> {
  // Newest first: the apps before the broker and the database they use.
  for (const pid of [...watched.keys()].reverse()) await stopGroup(pid);
  for (const path of paths) await rm(path, { recursive: true, force: true });
}

function apply(command: GuardCommand): void {
  if (command.watch) watched.set(command.watch.pid, command.watch.name);
  if (command.forget !== undefined) watched.delete(command.forget);
  if (command.remove) paths.add(command.remove);
  if (command.keep) paths.delete(command.keep);
}

// Only the owner's death (stdin closing) or an explicit SIGTERM ends the guard; a terminal's
// Ctrl-C or hang-up never reaches it (it runs in a session of its own) and is ignored anyway.
process.on('SIGINT', () => undefined);
process.on('SIGHUP', () => undefined);
let isCleaning = false;
const finish = (): void => {
  if (isCleaning) return;
  isCleaning = true;
  void cleanUp().finally(() => process.exit(0));
};
process.on('SIGTERM', finish);
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line.trim() === '') return;
  try {
    apply(JSON.parse(line) as GuardCommand);
  } catch (error: unknown) {
    process.stderr.write(`guard: ignored ${line}: ${String(error)}\n`);
  }
});
lines.on('close', finish);
