import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

import { findFreePort } from '../net/free-port';
import { waitUntil } from '../net/wait-until';
import { workspaceRoot } from '../stack/workspace-root';

/** The api (`apps/api/src/main.ts`) as a process of its own, on ports of its own. */
export interface ApiProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** The operations port (`/metrics`). */
  readonly metricsUrl: string;
  logs(): string;
}

/** Starts the api through `@swc-node/register` and waits until `/health/live` answers. */
export async function startApiProcess(
  databaseUrl: string,
  env: Record<string, string>,
): Promise<ApiProcess> {
  const [apiPort, metricsPort] = [await findFreePort(), await findFreePort()];
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
    cwd: workspaceRoot(),
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
  return {
    child,
    url,
    metricsUrl: `http://127.0.0.1:${metricsPort.toString()}`,
    logs: () => output,
  };
}
