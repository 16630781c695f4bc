/**
 * Ingest benchmark: end-to-end throughput of the real ingester (Kafka → PostgreSQL) against a
 * baseline of the same rows written straight by StatusBatchWriter, plus latency at a steady rate.
 *
 *   npx nx run ingester:build
 *   npx tsx tools/bench/src/ingest-bench.ts [--messages 500000] [--partitions 20] [--runs 3]
 *
 * Uses DATABASE_URL / KAFKA_BROKERS when set, otherwise starts the local stack (durable
 * PostgreSQL: fsync on). Prints one JSON line per run, then the medians when --runs > 1.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { Kafka, Partitioners, logLevel } from 'kafkajs';
import { Pool } from 'pg';

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
} from '@payload-tracker/local-stack';
import { startBenchStack } from './bench-stack';
import type { KafkaConnection } from '@payload-tracker/local-stack';
import { workspaceRoot } from '@payload-tracker/local-stack';
import { parseBenchMessages, writeInSlices } from './batch-writes';
import { parseEnvPairs } from './env-pairs';
import { generate, lifecycle } from './bench-traffic';
import { median, percentile } from './statistics';

interface BenchOptions {
  messages: number;
  partitions: number;
  rate: number;
  latencySeconds: number;
  ingesterMain: string;
  /** KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY of the ingester; its default when absent. */
  concurrency: string | undefined;
  /** Extra `KEY=VALUE` variables for the ingester (e.g. NODE_OPTIONS). */
  ingesterEnv: Record<string, string>;
}

interface RunResult {
  messages: number;
  seconds: number;
  msgs_per_s: number;
  baseline_msgs_per_s: number;
  ratio: number;
  peak_rss_mb: number;
  mean_batch_size: number;
  latency_rate_msgs_per_s: number;
  latency_p50_ms: number;
  latency_p99_ms: number;
}

const LATENCY_MARK = 'bench-latency:';
function keyOf(value: Buffer): string {
  return (JSON.parse(value.toString()) as { request_id: string }).request_id;
}

async function produceAll(kafka: Kafka, topic: string, values: readonly Buffer[]): Promise<void> {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    const chunk = 4000;
    const inFlight: Promise<unknown>[] = [];
    for (let start = 0; start < values.length; start += chunk) {
      const messages = values
        .slice(start, start + chunk)
        .map((value) => ({ key: keyOf(value), value }));
      inFlight.push(producer.send({ topic, acks: -1, messages }));
      if (inFlight.length >= 4) {
        await Promise.all(inFlight.splice(0));
      }
    }
    await Promise.all(inFlight);
  } finally {
    await producer.disconnect();
  }
}

async function count(pool: Pool): Promise<number> {
  const result = await pool.query<{ count: number }>(
    'SELECT count(*)::int AS count FROM payload_statuses',
  );
  return result.rows[0]?.count ?? 0;
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match ? Math.round(Number(match[1]) / 1024) : Number.NaN;
}

async function metricSum(port: number, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? Number.NaN : Number(line.split(' ')[1]);
}

/** Produces at `rate` msg/s for `seconds`, and measures produce → row visible per message. */
async function measureLatency(
  kafka: Kafka,
  topic: string,
  pool: Pool,
  rate: number,
  seconds: number,
): Promise<number[]> {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let isProducing = true;
  const tickMs = 50;
  const perTick = Math.max(1, Math.round((rate * tickMs) / 1000));
  const producing = (async () => {
    const started = Date.now();
    for (let tick = 0; Date.now() - started < seconds * 1000; tick += 1) {
      const values: Buffer[] = [];
      while (values.length < perTick) {
        values.push(...lifecycle(7, Date.now(), () => `${LATENCY_MARK}${randomUUID()}`));
      }
      const batch = values.slice(0, perTick);
      const now = Date.now();
      for (const value of batch) {
        sentAt.set((JSON.parse(value.toString()) as { status_msg: string }).status_msg, now);
      }
      await producer.send({
        topic,
        acks: 1,
        messages: batch.map((value) => ({ key: keyOf(value), value })),
      });
      const next = started + (tick + 1) * tickMs;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())));
    }
    isProducing = false;
  })();
  const seen = new Set<string>();
  while (isProducing || seen.size < sentAt.size) {
    const result = await pool.query<{ status_msg: string }>(
      `SELECT status_msg FROM payload_statuses
       WHERE created_at > now() - interval '10 seconds' AND status_msg LIKE '${LATENCY_MARK}%'`,
    );
    const now = Date.now();
    for (const row of result.rows) {
      if (!seen.has(row.status_msg)) {
        seen.add(row.status_msg);
        const sent = sentAt.get(row.status_msg);
        if (sent !== undefined) {
          latencies.push(now - sent);
        }
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await producing;
  await producer.disconnect();
  return latencies.sort((a, b) => a - b);
}

async function runBaseline(
  databaseUrl: string,
  values: readonly Buffer[],
  batchSize: number,
): Promise<number> {
  const messages = parseBenchMessages(values);
  const pool = new Pool({ connectionString: databaseUrl, max: 1, options: '-c TimeZone=UTC' });
  const writerPool = new DatabasePool({
    connectionString: databaseUrl,
    max: 10,
    options: '-c TimeZone=UTC',
  });
  const writer = new StatusBatchWriter(writerPool);
  const concurrency = 3;
  const started = process.hrtime.bigint();
  await writeInSlices(writer, messages, batchSize, concurrency);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const stored = await count(pool);
  await Promise.all([pool.end(), writerPool.close()]);
  if (stored !== messages.length) {
    throw new Error(`baseline stored ${stored} of ${messages.length}`);
  }
  return messages.length / seconds;
}

async function runOnce(
  adminUrl: string,
  connection: KafkaConnection,
  options: BenchOptions,
): Promise<RunResult> {
  const suffix = `${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  const databaseName = `bench_ingest_${suffix}`;
  const baselineName = `${databaseName}_baseline`;
  const topic = `bench-${suffix}.payload-status`;
  await Promise.all([
    createDatabase(adminUrl, databaseName),
    createDatabase(adminUrl, baselineName),
  ]);
  const databaseUrl = withDatabase(adminUrl, databaseName);
  const baselineUrl = withDatabase(adminUrl, baselineName);
  await Promise.all([migrateDatabase(databaseUrl), migrateDatabase(baselineUrl)]);
  await createTopics(connection, [
    { topic, numPartitions: options.partitions },
    { topic: `${topic}.dlq`, numPartitions: 1 },
  ]);
  const kafka = new Kafka(
    kafkaClientConfig(connection, { clientId: 'ingest-bench', logLevel: logLevel.NOTHING }),
  );
  const pool = new Pool({ connectionString: databaseUrl, max: 2, options: '-c TimeZone=UTC' });

  const values = generate(options.messages);
  const producedAt = Date.now();
  await produceAll(kafka, topic, values);
  process.stderr.write(
    `produced ${values.length} messages in ${((Date.now() - producedAt) / 1000).toFixed(1)} s\n`,
  );

  const port = await findFreePort();
  const child = spawn(process.execPath, [options.ingesterMain], {
    cwd: workspaceRoot(),
    env: {
      PATH: process.env['PATH'],
      DATABASE_URL: databaseUrl,
      ...kafkaEnvironment(connection),
      KAFKA_TOPIC: topic,
      KAFKA_DLQ_TOPIC: `${topic}.dlq`,
      KAFKA_GROUP_ID: `bench-${suffix}`,
      METRICS_PORT: String(port),
      LOG_LEVEL: 'warn',
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
      ...(options.concurrency === undefined
        ? {}
        : { KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY: options.concurrency }),
      ...options.ingesterEnv,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const pid = child.pid ?? -1;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  try {
    await waitUntil(
      'ingester readiness',
      async () => {
        const response = await fetch(`http://127.0.0.1:${port}/health/ready`);
        if (!response.ok) {
          throw new Error(`ready ${response.status}`);
        }
      },
      { timeoutMs: 60_000, intervalMs: 50 },
    );
    const started = process.hrtime.bigint();
    await waitUntil(
      'every message stored',
      async () => {
        const stored = await count(pool);
        if (stored < values.length) {
          throw new Error(`${stored} of ${values.length}`);
        }
      },
      { timeoutMs: 1_800_000, intervalMs: 100 },
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const peakRss = peakRssMb(pid);
    const meanBatch =
      (await metricSum(port, 'payload_tracker_batch_size_sum')) /
      (await metricSum(port, 'payload_tracker_batch_size_count'));

    const latencies = await measureLatency(
      kafka,
      topic,
      pool,
      options.rate,
      options.latencySeconds,
    );
    child.kill('SIGTERM');
    const code = await exited;
    if (code !== 0) {
      throw new Error(`ingester exited with ${code}`);
    }

    const baseline = await runBaseline(baselineUrl, values, Math.max(1, Math.round(meanBatch)));
    const msgsPerS = values.length / seconds;
    return {
      messages: values.length,
      seconds: Number(seconds.toFixed(2)),
      msgs_per_s: Math.round(msgsPerS),
      baseline_msgs_per_s: Math.round(baseline),
      ratio: Number((msgsPerS / baseline).toFixed(3)),
      peak_rss_mb: peakRss,
      mean_batch_size: Math.round(meanBatch),
      latency_rate_msgs_per_s: options.rate,
      latency_p50_ms: percentile(latencies, 0.5),
      latency_p99_ms: percentile(latencies, 0.99),
    };
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    await pool.end();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic, `${topic}.dlq`] }).catch(() => undefined);
    await admin.disconnect();
    await Promise.allSettled([
      dropDatabase(adminUrl, databaseName),
      dropDatabase(adminUrl, baselineName),
    ]);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      messages: { type: 'string', default: '500000' },
      partitions: { type: 'string', default: '20' },
      runs: { type: 'string', default: '1' },
      rate: { type: 'string', default: '2000' },
      'latency-seconds': { type: 'string', default: '20' },
      ingester: { type: 'string', default: 'dist/apps/ingester/main.js' },
      concurrency: { type: 'string' },
      'ingester-env': { type: 'string', multiple: true, default: [] },
    },
  });
  const root = workspaceRoot();
  const options: BenchOptions = {
    messages: Number(values.messages),
    partitions: Number(values.partitions),
    rate: Number(values.rate),
    latencySeconds: Number(values['latency-seconds']),
    ingesterMain: join(root, values.ingester),
    concurrency: values.concurrency,
    ingesterEnv: parseEnvPairs(values['ingester-env']),
  };
  if (!existsSync(options.ingesterMain)) {
    throw new Error(`${options.ingesterMain} is missing: run \`npx nx run ingester:build\` first`);
  }
  installPgTypeParsers();
  const stack = await startBenchStack();
  try {
    const results: RunResult[] = [];
    for (let run = 0; run < Number(values.runs); run += 1) {
      const result = await runOnce(stack.adminDatabaseUrl, stack.kafka, options);
      results.push(result);
      console.log(JSON.stringify(result));
    }
    if (results.length > 1) {
      const keys = Object.keys(results[0] ?? {}) as (keyof RunResult)[];
      console.log(
        JSON.stringify({
          median_of_runs: results.length,
          ...Object.fromEntries(keys.map((key) => [key, median(results.map((r) => r[key]))])),
        }),
      );
    }
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
