import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  createTestTopics,
  kafkaClientConfig,
  kafkaEnvironment,
  LOCAL_STACK_DIR_VARIABLE,
} from '@payload-tracker/local-stack';
import type { LocalStackState, TestTopics } from '@payload-tracker/local-stack';
import { parseStatusMessage } from '@payload-tracker/status-lifecycle';
import { Kafka, logLevel } from 'kafkajs';
import { LifecycleGenerator } from './lifecycle.generator';
import { parseProducerOptions } from './producer-options';
import { runProducer } from './run-producer';
import { streamTraffic } from './stream-traffic';

const START = '2026-11-28T10:00:00Z';
const workspaceRoot = join(__dirname, '../../../..');

interface ConsumedRecord {
  key: string;
  value: string;
}

/** Reads the whole topic from the beginning: exactly `expected` records, then checks none follow. */
async function readTopic(
  topics: TestTopics,
  topic: string,
  expected: number,
): Promise<ConsumedRecord[]> {
  const kafka = new Kafka(
    kafkaClientConfig(topics.kafka, {
      clientId: 'mock-producer-int-spec',
      logLevel: logLevel.NOTHING,
    }),
  );
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const highWatermarks = offsets.reduce((sum, partition) => sum + Number(partition.high), 0);

  const consumer = kafka.consumer({ groupId: `${topics.groupId}-${topic}` });
  const records: ConsumedRecord[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    consumer
      .run({
        eachMessage: ({ message }) => {
          records.push({
            key: message.key?.toString() ?? '',
            value: message.value?.toString() ?? '',
          });
          if (records.length >= highWatermarks) {
            resolve();
          }
          return Promise.resolve();
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  expect(highWatermarks).toBe(expected);
  return records;
}

function options(topics: TestTopics, argv: string[]): ReturnType<typeof parseProducerOptions> {
  return parseProducerOptions(
    ['--brokers', topics.brokers.join(','), '--topic', topics.topic, '--start', START, ...argv],
    // The broker's sign-in, as a user exports it.
    kafkaEnvironment(topics.kafka),
    () => 0,
  );
}

describe('mock producer against a real broker', () => {
  let topics: TestTopics;

  beforeAll(async () => {
    topics = await createTestTopics({ partitions: 3 });
  });

  it('produces every generated message once, keyed by request_id, and the consumer reads exactly that', async () => {
    const sut = options(topics, [
      '--uploads',
      '120',
      '--seed',
      '11',
      '--malformed-share',
      '0.05',
      '--error-share',
      '0.2',
      '--stall-share',
      '0.1',
    ]);
    const outcomes = { succeeded: 0, failed: 0, stalled: 0 };
    const expected = [
      ...streamTraffic(
        new LifecycleGenerator({
          seed: 11,
          errorShare: 0.2,
          stallShare: 0.1,
          malformedShare: 0.05,
          longPathShare: 0.5,
        }),
        {
          uploads: 120,
          concurrentUploads: 100,
          seed: 11,
          startOf: (index) => 1_795_860_000_000_000n + BigInt(index) * 1000n,
          onUpload: (upload) => {
            outcomes[upload.outcome]++;
          },
        },
      ),
    ];

    const summary = await runProducer(sut);
    const records = await readTopic(topics, topics.topic, expected.length);

    expect(summary).toMatchObject({
      uploads: 120,
      messages: expected.length,
      topic: topics.topic,
      seed: 11,
      outcomes,
      error_uploads: outcomes.failed,
    });
    expect(outcomes.failed).toBeGreaterThan(0);
    expect(outcomes.stalled).toBeGreaterThan(0);
    expect(summary.malformed_messages).toBe(
      expected.filter((message) => message.malformedReason !== null).length,
    );
    const asText = (record: ConsumedRecord): string => `${record.key} ${record.value}`;
    expect(records.map(asText).sort()).toEqual(expected.map((message) => asText(message)).sort());
  });

  it('sends well-formed messages the contract accepts and malformed ones it refuses for the announced reason', async () => {
    const ownTopics = await createTestTopics({ partitions: 2 });
    const expected = [
      ...streamTraffic(new LifecycleGenerator({ seed: 5, malformedShare: 0.3, stallShare: 0.05 }), {
        uploads: 40,
        concurrentUploads: 100,
        seed: 5,
        startOf: (index) => 1_795_860_000_000_000n + BigInt(index) * 1000n,
      }),
    ];
    await runProducer(
      options(ownTopics, [
        '--topic',
        ownTopics.topic,
        '--uploads',
        '40',
        '--seed',
        '5',
        '--malformed-share',
        '0.3',
      ]),
    );

    const records = await readTopic(ownTopics, ownTopics.topic, expected.length);

    const reasonByValue = new Map(
      expected.map((message) => [message.value, message.malformedReason]),
    );
    for (const record of records) {
      const result = parseStatusMessage(Buffer.from(record.value), { requestIdLength: 32 });
      const reason = reasonByValue.get(record.value);
      if (reason === null) {
        expect(result).toMatchObject({ ok: true, message: { requestId: record.key } });
      } else {
        expect(result).toMatchObject({ ok: false, reason });
      }
    }
  });

  it('paces a run at a given rate and prints a JSON summary from the CLI, finding the running local stack by itself', async () => {
    const ownTopics = await createTestTopics({ partitions: 1 });
    // What a running `npm run stack` leaves for the tools; this test process plays the stack.
    const stackDir = await mkdtemp(join(tmpdir(), 'pt-producer-stack-'));
    const state: Partial<LocalStackState> = {
      pid: process.pid,
      kafkaBrokers: ownTopics.brokers,
      ...(ownTopics.kafka.sasl === undefined ? {} : { kafkaSasl: ownTopics.kafka.sasl }),
      topic: ownTopics.topic,
    };
    await writeFile(join(stackDir, 'stack.json'), JSON.stringify(state));
    const env: NodeJS.ProcessEnv = { ...process.env, [LOCAL_STACK_DIR_VARIABLE]: stackDir };
    for (const name of [
      'KAFKA_BROKERS',
      'KAFKA_TOPIC',
      'KAFKA_SASL_MECHANISM',
      'KAFKA_SASL_USERNAME',
      'KAFKA_SASL_PASSWORD',
    ])
      delete env[name];

    const { stdout } = await promisify(execFile)(
      join(workspaceRoot, 'node_modules/.bin/tsx'),
      [
        '--tsconfig',
        'tsconfig.base.json',
        'tools/mock-producer/src/main.ts',
        '--uploads',
        '5',
        '--rate',
        '400',
        '--seed',
        '3',
        '--long-path-share',
        '1',
        '--error-share',
        '0',
        '--stall-share',
        '0',
      ],
      { cwd: workspaceRoot, env },
    ).finally(() => rm(stackDir, { recursive: true, force: true }));

    const summary = JSON.parse(stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({
      topic: ownTopics.topic,
      uploads: 5,
      messages: 105,
      error_uploads: 0,
      outcomes: { succeeded: 5, failed: 0, stalled: 0 },
      malformed_messages: 0,
    });
    expect(summary['msgs_per_s']).toEqual(expect.any(Number));
    expect(summary['seconds']).toEqual(expect.any(Number));
    await readTopic(ownTopics, ownTopics.topic, 105);
  });
});
