import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KafkaSasl } from '../kafka/kafka-connection';
import { isProcessAlive } from '../process/process-group';
import { workspaceRoot } from './workspace-root';

/** Environment variable naming the local stack's folder (default `<workspace>/.local-stack`). */
export const LOCAL_STACK_DIR_VARIABLE = 'LOCAL_STACK_DIR';

/** What a running local stack tells the tools, in `<stack folder>/stack.json` (removed on stop). */
export interface LocalStackState {
  /** The stack process. */
  pid: number;
  dataDir: string;
  startedAt: string;
  databaseUrl: string;
  kafkaBrokers: string[];
  /** The broker's sign-in (the stack's own credentials); absent for brokers that want none. */
  kafkaSasl?: KafkaSasl;
  topic: string;
  dlqTopic: string;
  /** Every process the stack started, by name, for a later start to clean up after a crash. */
  processes: Record<string, number>;
  /** With `--apps`. */
  apiUrl?: string;
  ports: Record<string, number>;
}

/** The local stack's folder: `LOCAL_STACK_DIR`, else `.local-stack` in the workspace. */
export function localStackDir(env: NodeJS.ProcessEnv = process.env): string {
  return env[LOCAL_STACK_DIR_VARIABLE] || join(workspaceRoot(), '.local-stack');
}

export function localStackStateFile(dir: string): string {
  return join(dir, 'stack.json');
}

/** The state file's content, whether or not its stack still runs; undefined without one. */
export function readLocalStackState(dir: string): LocalStackState | undefined {
  try {
    return JSON.parse(readFileSync(localStackStateFile(dir), 'utf8')) as LocalStackState;
  } catch {
    return undefined;
  }
}

/**
 * The local stack running from this workspace (or `LOCAL_STACK_DIR`), for tools that need its
 * brokers or database when `KAFKA_BROKERS` / `DATABASE_URL` are not set; undefined when none runs.
 */
export function findRunningLocalStack(
  env: NodeJS.ProcessEnv = process.env,
): LocalStackState | undefined {
  const state = readLocalStackState(localStackDir(env));
  return state && isProcessAlive(state.pid) ? state : undefined;
}
