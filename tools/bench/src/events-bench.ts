/**
 * Event-stream benchmark: what holding `--streams` open `GET /payloads/{request_id}/events`
 * streams costs one BUILT api (RSS, CPU), idle and under background traffic, and how long a
 * status takes from being produced to Kafka to arriving on its stream (through the real
 * ingester, its NOTIFY at commit, the api's LISTEN and the stream's read).
 *
 *   npx nx run-many -t build -p api ingester
 *   npx nx run bench:bench-events -- [--streams 1000] [--rate 2000] [--probe-rate 20]
 *     [--seconds 20] [--idle-seconds 10]
 *
 * `--rate` is the background traffic (statuses of other payloads, msgs/s); `--probe-rate` the
 * statuses sent to streamed payloads (each one is a latency sample). Uses DATABASE_URL /
 * KAFKA_BROKERS when set, otherwise starts the local stack. Prints one JSON line.
 */
import { randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Agent, get } from 'node:http';
import type { ClientRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { Kafka, Partitioners, logLevel } from 'kafkajs';

import { DatabasePool, StatusBatchWriter, installPgTypeParsers } from '@payload-tracker/entities';
import {
  createDatabase,
  createTopics,
  dropDatabase,
  findFreePort,
  kafkaClientConfig,
  kafkaEnvironment,
  migrateDatabase,
  waitUntil,
  withDatabase,
  workspaceRoot,
} from '@payload-tracker/local-stack';
import { startBenchStack } from './bench-stack';
import type { KafkaConnection } from '@payload-tracker/local-stack';
import { parseTimestamp } from '@payload-tracker/status-lifecycle';
import type { StatusMessage } from '@payload-tracker/status-lifecycle';

import { ApiProcess } from './api-process';
import { lifecycle } from './bench-traffic';
import { percentile } from './statistics';

interface EventsBenchOptions {
  readonly streams: number;
  readonly rate: number;
  readonly probeRate: number;
  readonly seconds: number;
  readonly idleSeconds: number;
  readonly partitions: number;
}

const PROBE_MARK = 'bench-probe:';
const TICK_MS = 50;

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

/** The client side of the open streams: counts events and times the probes. */
class StreamClients {
  private readonly requests: ClientRequest[] = [];
  private readonly agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  readonly sentAt = new Map<string, number>();
  readonly latencies: number[] = [];
  /** From the row's `created_at` (the database's clock, same machine) to its arrival. */
  readonly storeToEvent: number[] = [];
  events = 0;
  heartbeats = 0;
  ended = 0;

  /** Opens one stream; resolves when its headers arrived with a 200. */
  open(url: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const request = get(url, { agent: this.agent, headers: { accept: 'text/event-stream' } });
      this.requests.push(request);
      request.once('error', reject);
      request.once('response', (response) => {
        if (response.statusCode !== 200) {
          reject(new Error(`a stream answered ${String(response.statusCode)}`));
          return;
        }
        response.setEncoding('utf8');
        let buffer = '';
        response.on('data', (chunk: string) => {
          buffer += chunk;
          let end = buffer.indexOf('\n\n');
          while (end !== -1) {
            this.take(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
            end = buffer.indexOf('\n\n');
          }
        });
        response.once('close', () => {
          this.ended += 1;
        });
        resolve();
      });
    });
  }

  close(): void {
    for (const request of this.requests) {
      request.destroy();
    }
    this.agent.destroy();
  }

  private take(message: string): void {
    if (message.startsWith(': heartbeat')) {
      this.heartbeats += 1;
      return;
    }
    const data = /^data: (.*)$/m.exec(message)?.[1];
    if (data === undefined) {
      return;
    }
    this.events += 1;
    const now = Date.now();
    const status = (JSON.parse(data) as { status?: { status_msg?: string; created_at?: string } })
      .status;
    const marker = status?.status_msg;
    const sent = marker === undefined ? undefined : this.sentAt.get(marker);
    if (sent !== undefined) {
      this.latencies.push(now - sent);
      this.storeToEvent.push(now - Date.parse(status?.created_at ?? ''));
      this.sentAt.delete(marker ?? '');
    }
  }
}

function receivedMessage(requestId: string): StatusMessage {
  const date = parseTimestamp(new Date().toISOString());
  if (date === null) {
    throw new Error('unreadable timestamp');
  }
  return {
    requestId,
    service: 'ingress',
    status: 'received',
    source: null,
    date,
    account: null,
    orgId: null,
    inventoryId: null,
    systemId: null,
    statusMsg: null,
  };
}

/** One payload per stream, each with a first status, written straight to the database. */
async function seedPayloads(databaseUrl: string, count: number): Promise<string[]> {
  const pool = new DatabasePool({
    connectionString: databaseUrl,
    max: 2,
    options: '-c TimeZone=UTC',
  });
  const writer = new StatusBatchWriter(pool);
  const requestIds = Array.from({ length: count }, () => randomUUID().replaceAll('-', ''));
  try {
    for (let start = 0; start < requestIds.length; start += 500) {
      await writer.write(requestIds.slice(start, start + 500).map(receivedMessage));
    }
  } finally {
    await pool.close();
  }
  return requestIds;
}

/** CPU share of one core the api used between two readings, in percent. */
function cpuPercent(api: ApiProcess, fromCpu: number, fromMs: number): number {
  return Math.round(((api.cpuSeconds() - fromCpu) / ((Date.now() - fromMs) / 1000)) * 1000) / 10;
}

async function run(adminUrl: string, connection: KafkaConnection, options: EventsBenchOptions) {
  const root = workspaceRoot();
  const suffix = `${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  const databaseName = `bench_events_${suffix}`;
  const topic = `bench-events-${suffix}.payload-status`;
  await createDatabase(adminUrl, databaseName);
  const databaseUrl = withDatabase(adminUrl, databaseName);
  await migrateDatabase(databaseUrl);
  await createTopics(connection, [
    { topic, numPartitions: options.partitions },
    { topic: `${topic}.dlq`, numPartitions: 1 },
  ]);
  const kafka = new Kafka(
    kafkaClientConfig(connection, { clientId: 'events-bench', logLevel: logLevel.NOTHING }),
  );
  const requestIds = await seedPayloads(databaseUrl, options.streams);

  const ingesterPort = await findFreePort();
  const ingester = spawn(process.execPath, [join(root, 'dist/apps/ingester/main.js')], {
    cwd: root,
    env: {
      PATH: process.env['PATH'],
      DATABASE_URL: databaseUrl,
      ...kafkaEnvironment(connection),
      KAFKA_TOPIC: topic,
      KAFKA_DLQ_TOPIC: `${topic}.dlq`,
      KAFKA_GROUP_ID: `bench-events-${suffix}`,
      METRICS_PORT: String(ingesterPort),
      LOG_LEVEL: 'warn',
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const ingesterExited = new Promise<void>((resolve) => ingester.once('exit', () => resolve()));
  const logFile = join(tmpdir(), `events-bench-api-${suffix}.log`);
  let api: ApiProcess | undefined;
  const clients = new StreamClients();
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  try {
    await waitUntil(
      'ingester readiness',
      async () => {
        const response = await fetch(`http://127.0.0.1:${String(ingesterPort)}/health/ready`);
        if (!response.ok) {
          throw new Error(`ready ${String(response.status)}`);
        }
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    api = await ApiProcess.start({
      databaseUrl,
      logFile,
      extraEnv: {
        LOG_LEVEL: 'warn',
        EVENTS_MAX_STREAMS: String(options.streams + 100),
      },
    });
    const baseUrl = api.baseUrl;
    const rssBeforeMb = api.rssMb();

    const openedAt = Date.now();
    for (let start = 0; start < requestIds.length; start += 50) {
      await Promise.all(
        requestIds
          .slice(start, start + 50)
          .map((requestId) => clients.open(`${baseUrl}/api/v1/payloads/${requestId}/events`)),
      );
    }
    const openSeconds = (Date.now() - openedAt) / 1000;

    // Holding them, idle: heartbeats only.
    const idleCpu = api.cpuSeconds();
    const idleFrom = Date.now();
    await sleep(options.idleSeconds * 1000);
    const idleCpuPercent = cpuPercent(api, idleCpu, idleFrom);
    const rssIdleMb = api.rssMb();

    // Under traffic: background uploads plus probes to the streamed payloads.
    await producer.connect();
    const loadCpu = api.cpuSeconds();
    const loadFrom = Date.now();
    let backlog: Buffer[] = [];
    let probeCredit = 0;
    let probes = 0;
    let background = 0;
    const perTick = (options.rate * TICK_MS) / 1000;
    let backgroundCredit = 0;
    for (let tick = 0; Date.now() - loadFrom < options.seconds * 1000; tick += 1) {
      backgroundCredit += perTick;
      const values: Buffer[] = [];
      while (backgroundCredit >= 1) {
        if (backlog.length === 0) {
          backlog = lifecycle(7, Date.now());
        }
        const value = backlog.shift();
        if (value !== undefined) {
          values.push(value);
        }
        backgroundCredit -= 1;
      }
      const messages = values.map((value) => ({
        key: (JSON.parse(value.toString()) as { request_id: string }).request_id,
        value,
      }));
      background += messages.length;
      probeCredit += (options.probeRate * TICK_MS) / 1000;
      while (probeCredit >= 1) {
        probeCredit -= 1;
        probes += 1;
        const requestId = requestIds[Math.floor(Math.random() * requestIds.length)] ?? '';
        const marker = `${PROBE_MARK}${String(probes)}`;
        messages.push({
          key: requestId,
          value: Buffer.from(
            JSON.stringify({
              service: 'bench-probe',
              request_id: requestId,
              status: 'processing',
              date: new Date().toISOString(),
              status_msg: marker,
            }),
          ),
        });
        clients.sentAt.set(marker, Date.now());
      }
      if (messages.length > 0) {
        await producer.send({ topic, acks: 1, messages });
      }
      await sleep(Math.max(0, loadFrom + (tick + 1) * TICK_MS - Date.now()));
    }
    const sendSeconds = (Date.now() - loadFrom) / 1000;
    const settleUntil = Date.now() + 10_000;
    while (clients.sentAt.size > 0 && Date.now() < settleUntil) {
      await sleep(50);
    }
    const loadCpuPercent = cpuPercent(api, loadCpu, loadFrom);
    const latencies = [...clients.latencies].sort((a, b) => a - b);
    const storeToEvent = [...clients.storeToEvent].sort((a, b) => a - b);
    return {
      streams: options.streams,
      open_seconds: Number(openSeconds.toFixed(2)),
      api_rss_before_streams_mb: rssBeforeMb,
      api_rss_idle_mb: rssIdleMb,
      api_rss_load_mb: api.rssMb(),
      api_peak_rss_mb: api.peakRssMb(),
      api_cpu_idle_percent: idleCpuPercent,
      api_cpu_load_percent: loadCpuPercent,
      background_msgs_per_s: Math.round(background / sendSeconds),
      probes_sent: probes,
      probes_received: latencies.length,
      probes_missing: clients.sentAt.size,
      events_received: clients.events,
      heartbeats_received: clients.heartbeats,
      streams_ended_early: clients.ended,
      latency_p50_ms: percentile(latencies, 0.5),
      latency_p99_ms: percentile(latencies, 0.99),
      latency_max_ms: latencies.at(-1) ?? Number.NaN,
      stored_to_event_p50_ms: percentile(storeToEvent, 0.5),
      stored_to_event_p99_ms: percentile(storeToEvent, 0.99),
      api_log: logFile,
    };
  } finally {
    clients.close();
    await producer.disconnect().catch(() => undefined);
    await api?.stop();
    if (ingester.exitCode === null && ingester.signalCode === null) {
      ingester.kill('SIGTERM');
    }
    await ingesterExited;
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic, `${topic}.dlq`] }).catch(() => undefined);
    await admin.disconnect();
    await dropDatabase(adminUrl, databaseName).catch(() => undefined);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      streams: { type: 'string', default: '1000' },
      rate: { type: 'string', default: '2000' },
      'probe-rate': { type: 'string', default: '20' },
      seconds: { type: 'string', default: '20' },
      'idle-seconds': { type: 'string', default: '10' },
      partitions: { type: 'string', default: '6' },
    },
  });
  const options: EventsBenchOptions = {
    streams: Number(values.streams),
    rate: Number(values.rate),
    probeRate: Number(values['probe-rate']),
    seconds: Number(values.seconds),
    idleSeconds: Number(values['idle-seconds']),
    partitions: Number(values.partitions),
  };
  for (const main of ['dist/apps/api/main.js', 'dist/apps/ingester/main.js']) {
    if (!existsSync(join(workspaceRoot(), main))) {
      throw new Error(`${main} is missing: run \`npx nx run-many -t build -p api ingester\` first`);
    }
  }
  installPgTypeParsers();
  const stack = await startBenchStack();
  try {
    console.log(JSON.stringify(await run(stack.adminDatabaseUrl, stack.kafka, options)));
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
