import { spawn } from 'node:child_process';

import { workspaceRoot } from '@payload-tracker/local-stack';

import { parseLogLines } from './log-lines';

/** How a run of the migrations job ended, and what it logged. */
export interface MigrateJobResult {
  code: number | null;
  /** Every JSON log line, parsed. */
  lines: Record<string, unknown>[];
  /** Everything it printed (for failure messages). */
  output: string;
}

/**
 * Runs the migrations job (`apps/ingester/src/jobs/migrate.main.ts <args>`) as a child
 * process the way the migrations Job runs it, with JSON logs, and waits for its exit.
 */
export async function runMigrateJob(
  databaseUrl: string,
  args: readonly string[],
): Promise<MigrateJobResult> {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', 'apps/ingester/src/jobs/migrate.main.ts', ...args],
    {
      cwd: workspaceRoot(),
      env: {
        PATH: process.env['PATH'],
        SWC_NODE_PROJECT: 'apps/ingester/tsconfig.app.json',
        DATABASE_URL: databaseUrl,
        LOG_LEVEL: 'info',
        LOG_FORMAT: 'json',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (exitCode) => resolve(exitCode));
  });
  return { code, lines: parseLogLines(output), output };
}
