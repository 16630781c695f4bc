import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';

import { findFreePort, waitUntil } from '@payload-tracker/local-stack';

const WORKSPACE_ROOT = join(__dirname, '..', '..', '..', '..');

/** The api (`apps/api/src/main.ts`) as a process of its own, on ports of its own. */
export interface ApiProcess {
  readonly child: ChildProcess;
  readonly url: string;
  logs(): string;
}

/** Starts the api through `@swc-node/register` and waits until `/health/live` answers. */
export async function startApiProcess(
  databaseUrl: string,
  env: Record<string, string>,
): Promise<ApiProcess> {
  const [apiPort, metricsPort] = [await findFreePort(), await findFreePort()];
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
    cwd: WORKSPACE_ROOT,
    env: {
      PATH: process.env['PATH'],
      SWC_NODE_PROJECT: 'apps/api/tsconfig.app.json',
      DATABASE_URL: databaseUrl,
      API_PORT: String(apiPort),
      METRICS_PORT: String(metricsPort),
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${apiPort.toString()}`;
  await waitUntil(
    'api /health/live',
    async () => {
      if (child.exitCode !== null) {
        throw new Error(`api exited during start-up:\n${output}`);
      }
      const response = await fetch(`${url}/health/live`);
      if (!response.ok) {
        throw new Error(`live answered ${response.status.toString()}`);
      }
    },
    { timeoutMs: 90_000 },
  );
  return { child, url, logs: () => output };
}
