/**
 * The chaos run (`nx run bench:chaos`): the built ingester, on a PostgreSQL server and a Kafka
 * broker of the run's own, takes shuffled traffic (valid uploads, exact duplicates, invalid
 * records of every kind) while the run SIGKILLs it, stops PostgreSQL for a while and restarts the
 * broker. It then waits for the topic to drain and prints what was sent, stored, lost, doubled
 * and dead-lettered, and how long the ingester took to recover from each fault. Exit code 0 only
 * if nothing was lost or doubled and every refusal reached the dead-letter topic.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import type { Producer } from 'kafkajs';
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import { Pool } from 'pg';

import {
  createTopics,
  kafkaClientConfig,
  kafkaEnvironment,
  waitUntil,
  workspaceRoot,
} from '@payload-tracker/local-stack';

import { lifecycle } from '../bench-traffic';
import { parseEnvPairs } from '../env-pairs';
import type { ChaosCounts, FaultRecovery } from './chaos-report';
import { formatChaosReport, judgeChaosRun } from './chaos-report';
import { ChaosServers } from './chaos-servers';
import type { ChaosRecord } from './chaos-traffic';
import { buildChaosTraffic } from './chaos-traffic';
import { IngesterSupervisor } from './ingester-supervisor';

const TOPIC = 'platform.payload-status';
const DLQ_TOPIC = `${TOPIC}.dlq`;
/** How long a fault may take to recover from before the run calls it "never". */
const RECOVERY_LIMIT_MS = 120_000;
const TICK_MS = 100;

interface ChaosOptions {
  readonly messages: number;
  readonly rate: number;
  readonly partitions: number;
  readonly kills: number;
  readonly outageSeconds: number;
  readonly brokerRestarts: number;
  readonly brokerDownSeconds: number;
  readonly duplicateShare: number;
  readonly invalidShare: number;
  readonly seed: number;
  readonly timeoutSeconds: number;
  readonly ingesterMain: string;
  readonly ingesterEnv: Readonly<Record<string, string>>;
}

type Fault = 'kill' | 'postgres' | 'broker';

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

function log(line: string): void {
  process.stderr.write(`[chaos] ${line}\n`);
}

/** The faults in the order they happen: the kills spread around the outage and the restarts. */
function faultPlan(options: ChaosOptions): Fault[] {
  const plan: Fault[] = [];
  const others: Fault[] = [
    ...(options.outageSeconds > 0 ? (['postgres'] as const) : []),
    ...Array.from({ length: options.brokerRestarts }, () => 'broker' as const),
  ];
  let kills = options.kills;
  for (const other of others) {
    if (kills > 0) {
      plan.push('kill');
      kills -= 1;
    }
    plan.push(other);
  }
  while (kills > 0) {
    plan.push('kill');
    kills -= 1;
  }
  return plan;
}

/** Sends records at `rate` per second; a send that fails is retried until it is accepted. */
class PacedProducer {
  private sent = 0;
  readonly finished: Promise<void>;

  constructor(
    private readonly producer: Producer,
    private readonly records: readonly ChaosRecord[],
    private readonly rate: number,
  ) {
    this.finished = this.run();
  }

  private async run(): Promise<void> {
    const perTick = Math.max(1, Math.round((this.rate * TICK_MS) / 1000));
    const started = Date.now();
    while (this.sent < this.records.length) {
      const chunk = this.records.slice(this.sent, this.sent + perTick);
      await sendUntilAccepted(this.producer, chunk);
      this.sent += chunk.length;
      const due = started + (this.sent / this.rate) * 1000;
      await sleep(Math.max(0, due - Date.now()));
    }
  }
}

async function sendUntilAccepted(
  producer: Producer,
  records: readonly ChaosRecord[],
): Promise<void> {
  for (;;) {
    try {
      await producer.send({ topic: TOPIC, acks: -1, messages: records.map((r) => ({ ...r })) });
      return;
    } catch (error: unknown) {
      log(`produce failed, retrying: ${error instanceof Error ? error.message : String(error)}`);
      await sleep(500);
    }
  }
}

class StoredStatuses {
  private readonly pool: Pool;

  constructor(databaseUrl: string) {
    this.pool = new Pool({ connectionString: databaseUrl, max: 1 });
    // PostgreSQL is stopped on purpose: a dropped idle connection is expected.
    this.pool.on('error', () => undefined);
  }

  async counts(): Promise<{ rows: number; distinct: number }> {
    const result = await this.pool.query<{ rows: number; distinct: number }>(
      'SELECT count(*)::int AS rows, count(DISTINCT dedupe_key)::int AS distinct FROM payload_statuses',
    );
    return result.rows[0] ?? { rows: 0, distinct: 0 };
  }

  async hasRequest(requestId: string): Promise<boolean> {
    try {
      const result = await this.pool.query(
        'SELECT 1 FROM payload_statuses s JOIN payloads p ON p.id = s.payload_id WHERE p.request_id = $1 LIMIT 1',
        [requestId],
      );
      return result.rowCount !== null && result.rowCount > 0;
    } catch {
      return false;
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/** Reads the whole dead-letter topic back and counts its records per `x-error-reason`. */
async function deadLettersByReason(kafka: Kafka): Promise<Record<string, number>> {
  const expected = await topicSize(kafka, DLQ_TOPIC);
  const counts: Record<string, number> = {};
  if (expected === 0) return counts;
  const consumer = kafka.consumer({ groupId: `chaos-dlq-reader-${Date.now().toString()}` });
  await consumer.connect();
  await consumer.subscribe({ topic: DLQ_TOPIC, fromBeginning: true });
  let read = 0;
  await consumer.run({
    eachMessage: async ({ message }) => {
      const reason = message.headers?.['x-error-reason']?.toString() ?? '(none)';
      counts[reason] = (counts[reason] ?? 0) + 1;
      read += 1;
      await Promise.resolve();
    },
  });
  await waitUntil(
    'dead-letter topic read',
    async () => {
      await Promise.resolve();
      if (read < expected) throw new Error(`${read.toString()} of ${expected.toString()}`);
    },
    { timeoutMs: 120_000 },
  );
  await consumer.disconnect();
  return counts;
}

async function topicSize(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
  } finally {
    await admin.disconnect();
  }
}

/** Seconds from `since` until `check` holds (polled), or null within the recovery limit. */
async function secondsUntil(since: number, check: () => Promise<boolean>): Promise<number | null> {
  while (Date.now() - since < RECOVERY_LIMIT_MS) {
    if (await check()) return (Date.now() - since) / 1000;
    await sleep(TICK_MS);
  }
  return null;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      messages: { type: 'string', default: '60000' },
      rate: { type: 'string', default: '1000' },
      partitions: { type: 'string', default: '6' },
      kills: { type: 'string', default: '3' },
      'outage-seconds': { type: 'string', default: '20' },
      'broker-restarts': { type: 'string', default: '1' },
      'broker-down-seconds': { type: 'string', default: '5' },
      'duplicate-share': { type: 'string', default: '0.03' },
      'invalid-share': { type: 'string', default: '0.06' },
      seed: { type: 'string', default: '1' },
      'timeout-seconds': { type: 'string', default: '900' },
      ingester: { type: 'string', default: 'dist/apps/ingester/main.js' },
      'ingester-env': { type: 'string', multiple: true, default: [] },
    },
  });
  const root = workspaceRoot();
  const options: ChaosOptions = {
    messages: Number(values.messages),
    rate: Number(values.rate),
    partitions: Number(values.partitions),
    kills: Number(values.kills),
    outageSeconds: Number(values['outage-seconds']),
    brokerRestarts: Number(values['broker-restarts']),
    brokerDownSeconds: Number(values['broker-down-seconds']),
    duplicateShare: Number(values['duplicate-share']),
    invalidShare: Number(values['invalid-share']),
    seed: Number(values.seed),
    timeoutSeconds: Number(values['timeout-seconds']),
    ingesterMain: join(root, values.ingester),
    ingesterEnv: parseEnvPairs(values['ingester-env']),
  };
  if (!existsSync(options.ingesterMain)) {
    throw new Error(`${options.ingesterMain} is missing: run \`npx nx run ingester:build\` first`);
  }
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  const traffic = buildChaosTraffic({
    valid: options.messages,
    duplicateShare: options.duplicateShare,
    invalidShare: options.invalidShare,
    seed: options.seed,
    baseMs: Date.UTC(2026, 11, 2, 8, 0, 0),
  });
  log(`starting PostgreSQL and Kafka of the run's own`);
  const servers = await ChaosServers.start(log);
  mkdirSync(join(root, 'tmp'), { recursive: true });
  const logFile = join(root, 'tmp', 'chaos-ingester.log');
  let supervisor: IngesterSupervisor | undefined;
  const stored = new StoredStatuses(servers.databaseUrl);
  const kafka = new Kafka(
    kafkaClientConfig(servers.kafka, { clientId: 'chaos', logLevel: logLevel.NOTHING }),
  );
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  try {
    await createTopics(servers.kafka, [
      { topic: TOPIC, numPartitions: options.partitions },
      { topic: DLQ_TOPIC, numPartitions: 1 },
    ]);
    await producer.connect();
    supervisor = await IngesterSupervisor.start(
      options.ingesterMain,
      {
        DATABASE_URL: servers.databaseUrl,
        ...kafkaEnvironment(servers.kafka),
        KAFKA_TOPIC: TOPIC,
        KAFKA_DLQ_TOPIC: DLQ_TOPIC,
        KAFKA_GROUP_ID: 'payload-tracker-chaos',
        LOG_LEVEL: 'info',
        KAFKAJS_NO_PARTITIONER_WARNING: '1',
        ...options.ingesterEnv,
      },
      logFile,
    );
    const sut = supervisor;
    await waitUntil(
      'ingester ready',
      async () => {
        if (!(await sut.isReady())) throw new Error('not ready');
      },
      { timeoutMs: 120_000 },
    );
    log(
      `ingester ready (log: ${logFile}); sending ${traffic.records.length.toString()} records ` +
        `at ${options.rate.toString()}/s`,
    );

    const paced = new PacedProducer(producer, traffic.records, options.rate);
    const plan = faultPlan(options);
    const window = (traffic.records.length / options.rate) * 1000;
    const started = Date.now();
    const recoveries: FaultRecovery[] = [];
    let probes = 0;
    let kills = 0;
    for (const [index, fault] of plan.entries()) {
      await sleep(Math.max(0, started + (window * (index + 1)) / (plan.length + 1) - Date.now()));
      let name: string;
      if (fault === 'kill') {
        kills += 1;
        name = `SIGKILL ${kills.toString()}`;
        log(`${name} of the ingester`);
        await sut.kill();
      } else if (fault === 'postgres') {
        name = `PostgreSQL down ${options.outageSeconds.toString()} s`;
        log(`stopping PostgreSQL for ${options.outageSeconds.toString()} s`);
        await servers.postgres.stop();
        await sleep(options.outageSeconds * 1000);
        await servers.postgres.start();
      } else {
        name = `broker down ${options.brokerDownSeconds.toString()} s`;
        log(`stopping the Kafka broker for ${options.brokerDownSeconds.toString()} s`);
        await servers.broker.stop();
        await sleep(options.brokerDownSeconds * 1000);
        await servers.broker.start();
      }
      const ended = Date.now();
      // A fresh upload produced once the fault is over: storing again means it is in the table.
      const probe = lifecycle(7, Date.now()).map((value) => ({
        key: (JSON.parse(value.toString()) as { request_id: string }).request_id,
        value,
      }));
      probes += probe.length;
      const requestId = probe[0]?.key ?? '';
      await sendUntilAccepted(producer, probe);
      const [readySeconds, storingSeconds] = await Promise.all([
        secondsUntil(ended, () => sut.isReady()),
        secondsUntil(ended, () => stored.hasRequest(requestId)),
      ]);
      recoveries.push({ fault: name, readySeconds, storingSeconds });
      log(
        `${name}: ready after ${String(readySeconds)} s, storing after ${String(storingSeconds)} s`,
      );
    }
    await paced.finished;
    log(`all records sent; waiting for the topic to drain`);

    const expectedValid = traffic.validCount + probes;
    const expectedInvalid = Object.values(traffic.invalidCounts).reduce((a, b) => a + b, 0);
    await waitUntil(
      'every valid status stored and every refusal dead-lettered',
      async () => {
        const { distinct } = await stored.counts();
        const dead = await topicSize(kafka, DLQ_TOPIC);
        if (distinct < expectedValid || dead < expectedInvalid) {
          throw new Error(
            `stored ${distinct.toString()} of ${expectedValid.toString()}, ` +
              `dead-lettered ${dead.toString()} of ${expectedInvalid.toString()}`,
          );
        }
      },
      { timeoutMs: Math.max(10_000, deadline - Date.now()), intervalMs: 500 },
    ).catch((error: unknown) => {
      log(
        `did not drain before the deadline: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
    // Let a late duplicate or dead letter show up before counting.
    await sleep(3_000);

    const sentRecords = await topicSize(kafka, TOPIC);
    if (sentRecords !== traffic.records.length + probes) {
      log(
        `the topic holds ${sentRecords.toString()} records, ${(traffic.records.length + probes).toString()} were sent: ` +
          'the producer wrote some twice',
      );
    }
    const { rows, distinct } = await stored.counts();
    const counts: ChaosCounts = {
      sentValid: expectedValid,
      sentDuplicates: traffic.duplicateCount,
      sentInvalid: traffic.invalidCounts,
      storedRows: rows,
      storedDistinct: distinct,
      deadLettered: await deadLettersByReason(kafka),
      unexpectedExits: sut.unexpectedExits,
    };
    const exitCode = await sut.stop();
    supervisor = undefined;
    const verdict = judgeChaosRun(counts);
    const lines = formatChaosReport(counts, recoveries, verdict);
    lines.push(`ingester stopped with SIGTERM: exit code ${String(exitCode)}`);
    console.log(lines.join('\n'));
    process.exitCode = verdict.held ? 0 : 1;
  } finally {
    await supervisor?.stop();
    await producer.disconnect().catch(() => undefined);
    await stored.close().catch(() => undefined);
    await servers.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
