import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestDatabase,
  createTestTopics,
  findFreePort,
  kafkaEnvironment,
  waitUntil,
  type TestDatabase,
} from '@payload-tracker/local-stack';

import { metricNamesExposed, metricNamesReadByDeployment } from './support/metric-names';

/**
 * What the images do, without Docker: copy a built app out of the workspace, install only its
 * generated production dependencies, start it against the real stack, see it healthy, and stop it
 * with SIGTERM. Needs `nx run-many -t build -p api ingester` first (npm test builds before jest).
 */
const workspace = join(__dirname, '..', '..');

/** Two `npm ci` runs from the npm cache, and removing their output, take minutes on a busy 2-core machine. */
const INSTALL_TIMEOUT_MS = 600_000;

function run(
  command: string,
  args: string[],
  cwd: string,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stderr }));
  });
}

async function installProductionCopy(app: 'api' | 'ingester'): Promise<string> {
  const built = join(workspace, 'dist', 'apps', app);
  if (!existsSync(join(built, 'main.js'))) {
    throw new Error(`${built}/main.js is missing: build first (npx nx run ${app}:build)`);
  }
  const copy = mkdtempSync(join(tmpdir(), `pt-built-${app}-`));
  cpSync(built, copy, { recursive: true });
  if (app === 'api') {
    // As the image does: the web console's files beside main.js.
    cpSync(join(workspace, 'dist', 'apps', 'console'), join(copy, 'console'), { recursive: true });
  }
  const install = await run(
    'npm',
    ['ci', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline'],
    copy,
  );
  if (install.code !== 0) throw new Error(`npm ci --omit=dev failed in ${copy}: ${install.stderr}`);
  return copy;
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

/** The keys every process's log lines carry, whatever else they say. */
const LOG_LINE_KEYS = ['level', 'time', 'process', 'msg'];

/** Collects a child's stdout lines. */
function stdoutLines(child: ChildProcess): () => string[] {
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return () => text.split('\n').filter((line) => line.trim() !== '');
}

/** Checks that each of the first lines is one JSON object of the common shape. */
function expectCommonLogShape(lines: readonly string[], processName: string): void {
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines.slice(0, 20)) {
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(expect.arrayContaining(LOG_LINE_KEYS));
    expect(parsed).toMatchObject({ process: processName });
    expect(parsed['level']).toMatch(/^(trace|debug|info|warn|error|fatal)$/);
    expect(parsed['time']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(parsed).not.toHaveProperty('pid');
    expect(parsed).not.toHaveProperty('hostname');
  }
}

async function expectHealthy(url: string): Promise<void> {
  await waitUntil(
    url,
    async () => {
      const response = await fetch(url);
      if (response.status !== 200) throw new Error(`answered ${response.status}`);
    },
    { timeoutMs: 60_000 },
  );
}

describe('built app outputs with production dependencies only', () => {
  const exposedMetrics = new Set<string>();
  let database: TestDatabase;
  let apiFolder: string;
  let ingesterFolder: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    [apiFolder, ingesterFolder] = await Promise.all([
      installProductionCopy('api'),
      installProductionCopy('ingester'),
    ]);
  }, INSTALL_TIMEOUT_MS);

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    // Asynchronous: removing two node_modules copies can take a minute on a busy machine.
    await Promise.all(
      [apiFolder, ingesterFolder].map((folder) =>
        folder ? rm(folder, { recursive: true, force: true }) : Promise.resolve(),
      ),
    );
    await database.drop();
  }, INSTALL_TIMEOUT_MS);

  it('starts the api from its own folder, answers /health, logs JSON and stops cleanly on SIGTERM', async () => {
    const apiPort = await findFreePort();
    const metricsPort = await findFreePort();
    const child = spawn('node', ['main.js'], {
      cwd: apiFolder,
      env: {
        PATH: process.env['PATH'],
        DATABASE_URL: database.url,
        API_PORT: String(apiPort),
        METRICS_PORT: String(metricsPort),
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    const lines = stdoutLines(child);

    await expectHealthy(`http://127.0.0.1:${apiPort}/health`);
    await expectHealthy(`http://127.0.0.1:${metricsPort}/metrics`);
    const consolePage = await fetch(`http://127.0.0.1:${apiPort}/console/`);
    expect(consolePage.status).toBe(200);
    expect(consolePage.headers.get('content-security-policy')).toContain("script-src 'self'");
    const exposition = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    for (const name of metricNamesExposed(exposition)) exposedMetrics.add(name);
    child.kill('SIGTERM');

    await expect(exitOf(child)).resolves.toBe(0);
    expectCommonLogShape(lines(), 'payload-tracker-api');
    expect(lines().map((line) => (JSON.parse(line) as { msg: string }).msg)).toContain(
      'shutting down',
    );
  });

  it('reports an invalid environment as one JSON line naming the variable', async () => {
    const child = spawn('node', ['main.js'], {
      cwd: apiFolder,
      env: { PATH: process.env['PATH'], DATABASE_URL: database.url, API_PORT: 'eighty' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines = stdoutLines(child);

    await expect(exitOf(child)).resolves.toBe(1);
    expectCommonLogShape(lines(), 'payload-tracker-api');
    expect(JSON.parse(lines()[0] ?? '{}')).toMatchObject({
      level: 'fatal',
      msg: expect.stringContaining('API_PORT') as unknown,
    });
    expect(lines().join('\n')).not.toContain('eighty');
  });

  it('starts the ingester from its own folder, gets ready on the real broker and stops cleanly on SIGTERM', async () => {
    const topics = await createTestTopics({ partitions: 2 });
    const metricsPort = await findFreePort();
    const child = spawn('node', ['main.js'], {
      cwd: ingesterFolder,
      env: {
        PATH: process.env['PATH'],
        DATABASE_URL: database.url,
        ...kafkaEnvironment(topics.kafka),
        KAFKA_TOPIC: topics.topic,
        KAFKA_DLQ_TOPIC: topics.dlqTopic,
        KAFKA_GROUP_ID: topics.groupId,
        METRICS_PORT: String(metricsPort),
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    const lines = stdoutLines(child);

    await expectHealthy(`http://127.0.0.1:${metricsPort}/health/ready`);
    const exposition = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    for (const name of metricNamesExposed(exposition)) exposedMetrics.add(name);
    child.kill('SIGTERM');

    await expect(exitOf(child)).resolves.toBe(0);
    expectCommonLogShape(lines(), 'payload-tracker-ingester');
  });

  it('exposes every metric the dashboards and the alert rules read', () => {
    expect(exposedMetrics.size).toBeGreaterThan(0);
    const missing = metricNamesReadByDeployment().filter((name) => !exposedMetrics.has(name));
    expect(missing).toEqual([]);
  });

  it('runs the migrations job from the ingester folder against an up-to-date database, logging JSON', () => {
    const run = spawnSync('node', ['migrate.js', 'up'], {
      cwd: ingesterFolder,
      env: { PATH: process.env['PATH'], DATABASE_URL: database.url, LOG_LEVEL: 'info' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expectCommonLogShape(
      run.stdout.split('\n').filter((line) => line !== ''),
      'payload-tracker-migrate',
    );
  });
});
