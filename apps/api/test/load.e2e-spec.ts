import { Agent, request } from 'node:http';
import type { Socket } from 'node:net';

import { createTestDatabase, startApiProcess } from '@payload-tracker/local-stack';
import type { ApiProcess, TestDatabase } from '@payload-tracker/local-stack';

import { PAYLOADS, R1 } from './support/fixtures';
import { computeOutcomes, seedPayloads } from './support/seed-data';

jest.setTimeout(180_000);

/** The load the issue names: 1,000 connections held open for 10 s, on loopback. */
const CONNECTIONS = 1_000;
const LOAD_MS = 10_000;
const PROBE_EVERY_MS = 200;
/** The deployment's heap cap (deploy/k8s/api.yaml) and memory limit. */
const HEAP_CAP = '--max-old-space-size=384';
const MEMORY_LIMIT_BYTES = 512 * 1024 * 1024;

const DATA_PATHS = [
  '/api/v1/payloads?page_size=10',
  `/api/v1/payloads/${R1}`,
  '/api/v1/statuses?page_size=10&sort_by=date',
  '/api/v1/payloads?state=failed&page_size=5',
];

interface Answer {
  readonly status: number;
  readonly ms: number;
}

function get(url: string, agent: Agent | false): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { agent }, (response) => {
      response.resume();
      response.once('end', () => {
        resolve({ status: response.statusCode ?? 0, ms: performance.now() - started });
      });
      response.once('error', reject);
    });
    outgoing.once('error', reject);
    outgoing.end();
  });
}

async function metric(api: ApiProcess, name: string): Promise<number> {
  const text = await (await fetch(`${api.metricsUrl}/metrics`)).text();
  const sample = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text);
  if (sample === null) throw new Error(`no ${name} in /metrics`);
  return Number(sample[1]);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, ms);
  });
}

describe(`api under ${CONNECTIONS.toString()} concurrent connections (its own process, loopback)`, () => {
  let database: TestDatabase;
  let api: ApiProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedPayloads(database.url, PAYLOADS);
    await computeOutcomes(database.url);
    api = await startApiProcess(database.url, {
      NODE_OPTIONS: HEAP_CAP,
      // One client address makes every request: the per-address limit is not what is tested.
      MAX_REQUESTS_PER_MINUTE: '100000000',
    });
  });

  afterAll(async () => {
    api?.child.kill('SIGKILL');
    await database.drop();
  });

  it('keeps /health/ready at 200 throughout, answers no 5xx, and afterwards answers with its memory back down', async () => {
    const sut = api as ApiProcess;
    const heapBefore = await metric(sut, 'payload_tracker_nodejs_heap_size_used_bytes');
    const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
    let open = 0;
    let peakOpen = 0;
    const sockets = new WeakSet<Socket>();
    const statuses = new Map<number, number>();
    const deadline = Date.now() + LOAD_MS;

    const connection = async (index: number): Promise<void> => {
      let turn = index;
      while (Date.now() < deadline) {
        const path = DATA_PATHS[turn % DATA_PATHS.length] ?? '/';
        turn += 1;
        const answer = await new Promise<number>((resolve, reject) => {
          const outgoing = request(`${sut.url}${path}`, { agent }, (response) => {
            response.resume();
            response.once('end', () => resolve(response.statusCode ?? 0));
            response.once('error', reject);
          });
          outgoing.once('socket', (socket: Socket) => {
            if (sockets.has(socket)) return;
            sockets.add(socket);
            open += 1;
            peakOpen = Math.max(peakOpen, open);
            socket.once('close', () => (open -= 1));
          });
          outgoing.once('error', reject);
          outgoing.end();
        });
        statuses.set(answer, (statuses.get(answer) ?? 0) + 1);
      }
    };

    const probes: Answer[] = [];
    const heapSamples: number[] = [];
    const probing = (async (): Promise<void> => {
      while (Date.now() < deadline) {
        const [ready, plain] = await Promise.all([
          get(`${sut.url}/health/ready`, false),
          get(`${sut.url}/health`, false),
        ]);
        probes.push(ready, plain);
        heapSamples.push(await metric(sut, 'payload_tracker_nodejs_heap_size_used_bytes'));
        await sleep(PROBE_EVERY_MS);
      }
    })();

    await Promise.all([...Array.from({ length: CONNECTIONS }, (_, i) => connection(i)), probing]);
    agent.destroy();

    const answered = [...statuses.values()].reduce((sum, count) => sum + count, 0);
    const probeMs = probes.map((probe) => probe.ms).sort((a, b) => a - b);
    const medianProbe = probeMs[Math.floor(probeMs.length / 2)] ?? 0;
    const slowestProbe = probeMs[probeMs.length - 1] ?? 0;
    process.stdout.write(
      `load: ${answered.toString()} answers ${JSON.stringify(Object.fromEntries(statuses))}, ` +
        `${peakOpen.toString()} connections open at once, ${probes.length.toString()} probes ` +
        `(median ${medianProbe.toFixed(0)} ms, slowest ${slowestProbe.toFixed(0)} ms), heap ${(heapBefore / 2 ** 20).toFixed(0)} → ` +
        `peak ${(Math.max(...heapSamples) / 2 ** 20).toFixed(0)} MiB\n`,
    );

    expect(peakOpen).toBe(CONNECTIONS);
    expect(probes.length).toBeGreaterThanOrEqual(10);
    expect(probes.filter((probe) => probe.status !== 200)).toEqual([]);
    expect([...statuses.keys()].sort()).toEqual([200]);
    expect(answered).toBeGreaterThan(CONNECTIONS);

    // Afterwards: a normal answer, and memory that came back down once the load was gone.
    await sleep(2_000);
    const after = await get(`${sut.url}/api/v1/payloads/${R1}`, false);
    expect(after.status).toBe(200);
    expect(await metric(sut, 'payload_tracker_process_resident_memory_bytes')).toBeLessThan(
      MEMORY_LIMIT_BYTES,
    );
    const heapAfter = await metric(sut, 'payload_tracker_nodejs_heap_size_used_bytes');
    expect(heapAfter).toBeLessThan(heapBefore + 64 * 2 ** 20);
  });
});
