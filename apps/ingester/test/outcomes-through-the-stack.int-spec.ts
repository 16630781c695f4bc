import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { Pool } from 'pg';

import { recomputeOutcomeSnapshot } from '@payload-tracker/entities/testing';
import type { ApiProcess, TestDatabase, TestTopics } from '@payload-tracker/local-stack';
import {
  createTestDatabase,
  createTestTopics,
  kafkaEnvironment,
  startApiProcess,
  waitUntil,
} from '@payload-tracker/local-stack';

import { IngesterProcess } from './support/ingester-process';

jest.setTimeout(300_000);

/*
 * Outcomes as a user meets them: the mock producer's mix of uploads goes through the real broker
 * and the real ingester into PostgreSQL, and the real api (a process of its own) answers
 * "which failed, where and why", "which are stalled" and "which service is failing".
 */

const WORKSPACE_ROOT = join(__dirname, '..', '..', '..');

interface ProducerSummary {
  uploads: number;
  messages: number;
  outcomes: { succeeded: number; failed: number; stalled: number };
}

interface PayloadRow {
  request_id: string;
  state?: string;
  failed_service?: string;
  failed_status?: string;
  failed_status_msg?: string;
  last_status_at?: string;
}

interface ServiceStats {
  service: string;
  source?: string;
  payloads: number;
  succeeded: number;
  failed: number;
  in_progress: number;
  stalled: number;
  success_rate?: number;
  duration_p50?: string;
  duration_p95?: string;
  duration_p99?: string;
  last_failure?: { request_id: string; status: string; status_msg?: string; date: string };
}

function runProducer(topics: TestTopics, args: string[]): Promise<ProducerSummary> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'tools/mock-producer/src/main.ts', ...args],
      {
        cwd: WORKSPACE_ROOT,
        env: {
          ...process.env,
          TSX_TSCONFIG_PATH: 'tsconfig.base.json',
          ...kafkaEnvironment(topics.kafka),
          KAFKA_TOPIC: topics.topic,
          KAFKAJS_NO_PARTITIONER_WARNING: '1',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0) {
        reject(new Error(`mock producer exited ${String(code)}: ${stderr}`));
        return;
      }
      resolve(JSON.parse(line) as ProducerSummary);
    });
  });
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (response.status !== 200) {
    throw new Error(`${url} answered ${response.status.toString()}: ${await response.text()}`);
  }
  return (await response.json()) as T;
}

/** Every payload of a filtered list, page after page. */
async function listAll(base: string, query: string): Promise<PayloadRow[]> {
  const rows: PayloadRow[] = [];
  for (let page = 0; ; page += 1) {
    const body = await getJson<{ data: PayloadRow[] }>(
      `${base}/api/v1/payloads?${query}&page_size=100&page=${page.toString()}`,
    );
    rows.push(...body.data);
    if (body.data.length < 100) {
      return rows;
    }
  }
}

describe('outcomes through the whole stack (mock producer, Kafka, ingester, api)', () => {
  let database: TestDatabase;
  let topics: TestTopics;
  let pool: Pool;
  let ingester: IngesterProcess | undefined;
  let api: ApiProcess | undefined;

  beforeAll(async () => {
    [database, topics] = await Promise.all([
      createTestDatabase(),
      createTestTopics({ partitions: 3 }),
    ]);
    pool = new Pool({ connectionString: database.url, max: 2 });
    // The suites share one PostgreSQL, and a suite of its outage tests ends every backend
    // (57P01): an idle client of this pool then errors while nobody queries. The pool drops
    // it and the next query connects again, so that error is no failure of this test.
    pool.on('error', () => undefined);
  });

  afterAll(async () => {
    api?.child.kill('SIGKILL');
    await ingester?.kill();
    await pool?.end();
    await database?.drop();
  });

  it('lists the failed uploads with their service and message, the stalled ones, and ranks the failing service first', async () => {
    ingester = await IngesterProcess.start({ databaseUrl: database.url, ...topics });
    await ingester.waitUntilReady();
    // Uploads that began three hours ago (their unfinished ones are stalled by now), then a
    // few that began just now and stop midway (in progress, not yet stalled).
    const startedAt = new Date(Date.now() - 3 * 3_600_000);
    const earlier = await runProducer(topics, [
      '--uploads',
      '120',
      '--error-share',
      '0.25',
      '--stall-share',
      '0.2',
      '--seed',
      '7',
      '--start',
      startedAt.toISOString(),
    ]);
    const recent = await runProducer(topics, [
      '--uploads',
      '10',
      '--error-share',
      '0',
      '--stall-share',
      '1',
      '--seed',
      '8',
    ]);
    const messages = earlier.messages + recent.messages;
    await waitUntil(
      'every status stored',
      async () => {
        const { rows } = await pool.query<{ count: number }>(
          'SELECT count(*)::int AS count FROM payload_statuses',
        );
        expect(rows[0]?.count).toBe(messages);
      },
      { timeoutMs: 120_000 },
    );
    expect(earlier.outcomes.failed).toBeGreaterThan(0);
    expect(earlier.outcomes.stalled).toBeGreaterThan(0);

    api = await startApiProcess(database.url, { STALLED_AFTER_MINUTES: '60' });
    const recomputed = (await recomputeOutcomeSnapshot(pool)).outcomes as Record<
      string,
      {
        state: string;
        failure: { service: string; status: string; statusMsg: string | null } | null;
        groups: { service: string; source: string | null; state: string }[];
      }
    >;
    const idsIn = (state: string): string[] =>
      Object.entries(recomputed)
        .filter(([, outcome]) => outcome.state === state)
        .map(([requestId]) => requestId)
        .sort();

    // Which uploads failed, where, and why.
    const failed = await listAll(api.url, 'state=failed');
    expect(failed.map((row) => row.request_id).sort()).toEqual(idsIn('failed'));
    expect(failed).toHaveLength(earlier.outcomes.failed);
    for (const row of failed) {
      const failure = recomputed[row.request_id]?.failure;
      expect(row).toMatchObject({
        state: 'failed',
        failed_service: failure?.service,
        failed_status: failure?.status,
      });
      expect(row.failed_status_msg).toBeTruthy();
      expect(row.failed_status_msg).toBe(failure?.statusMsg);
    }

    // Which are stuck: the unfinished uploads of three hours ago, not the ones of just now.
    const stalled = await listAll(api.url, 'state=stalled');
    expect(stalled).toHaveLength(earlier.outcomes.stalled);
    const inProgress = await listAll(api.url, 'state=in_progress');
    expect(inProgress).toHaveLength(recent.outcomes.stalled);
    expect([...stalled, ...inProgress].map((row) => row.request_id).sort()).toEqual(
      idsIn('in_progress'),
    );
    const succeeded = await listAll(api.url, 'state=succeeded');
    expect(succeeded).toHaveLength(earlier.outcomes.succeeded + recent.outcomes.succeeded);

    // Which service is failing: on top, with its success rate and percentiles.
    const since = new Date(startedAt.getTime() - 60_000).toISOString();
    const stats = await getJson<{ services: ServiceStats[] }>(
      `${api.url}/api/v1/stats/services?since=${encodeURIComponent(since)}&until=${encodeURIComponent(new Date().toISOString())}`,
    );
    // Failed groups per service:source, from the stored statuses.
    const failedGroups = new Map<string, number>();
    for (const outcome of Object.values(recomputed)) {
      for (const group of outcome.groups.filter((entry) => entry.state === 'failed')) {
        const key = `${group.service}:${group.source ?? ''}`;
        failedGroups.set(key, (failedGroups.get(key) ?? 0) + 1);
      }
    }
    const [top] = stats.services;
    if (top === undefined) {
      throw new Error('no service in the stats');
    }
    expect(top.failed).toBe(Math.max(...failedGroups.values()));
    expect(failedGroups.get(`${top.service}:${top.source ?? ''}`)).toBe(top.failed);
    expect(top.success_rate).toBeCloseTo(top.succeeded / (top.succeeded + top.failed), 6);
    expect(top.duration_p50).toMatch(/^\d{2,}:\d{2}:\d{2}\.\d{6}$/);
    expect(top.duration_p99).toMatch(/^\d{2,}:\d{2}:\d{2}\.\d{6}$/);
    expect(top.last_failure?.request_id).toMatch(/^[0-9a-f]{32}$/);
    expect(stats.services.map((entry) => entry.failed)).toEqual(
      [...stats.services.map((entry) => entry.failed)].sort((a, b) => b - a),
    );
  });
});
