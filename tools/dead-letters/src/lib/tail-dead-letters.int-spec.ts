import { execFile } from 'node:child_process';
import {
  createTestTopics,
  kafkaClientConfig,
  kafkaEnvironment,
  workspaceRoot,
} from '@payload-tracker/local-stack';
import type { TestTopics } from '@payload-tracker/local-stack';
import { Kafka, logLevel } from 'kafkajs';
import type { Producer } from 'kafkajs';
import { DEAD_LETTER_HEADERS } from '@payload-tracker/status-lifecycle';
import type { DeadLetterView } from './describe-dead-letter';
import { formatDeadLetter } from './describe-dead-letter';
import { tailDeadLetters } from './tail-dead-letters';

const ID = 'aaaabbbbccccddddeeeeffff00001111';

/** Sends a letter the way the ingester's DeadLetterPublisher does: original key, bytes, headers. */
async function sendLetter(
  producer: Producer,
  topics: TestTopics,
  letter: { key: string | null; value: string; reason: string; detail: string; offset: number },
): Promise<void> {
  await producer.send({
    topic: topics.dlqTopic,
    acks: -1,
    messages: [
      {
        key: letter.key,
        value: letter.value,
        headers: {
          [DEAD_LETTER_HEADERS.reason]: letter.reason,
          [DEAD_LETTER_HEADERS.detail]: letter.detail,
          [DEAD_LETTER_HEADERS.originalTopic]: topics.topic,
          [DEAD_LETTER_HEADERS.originalPartition]: '2',
          [DEAD_LETTER_HEADERS.originalOffset]: String(letter.offset),
        },
      },
    ],
  });
}

function waitFor(views: DeadLetterView[], count: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 30_000;
    const check = (): void => {
      if (views.length >= count) resolve();
      else if (Date.now() > deadline) reject(new Error(`saw ${views.length} of ${count} letters`));
      else setTimeout(check, 50);
    };
    check();
  });
}

describe('dead-letter tail against a real broker', () => {
  let topics: TestTopics;
  let producer: Producer;

  beforeAll(async () => {
    topics = await createTestTopics({ partitions: 3 });
    producer = new Kafka(
      kafkaClientConfig(topics.kafka, { logLevel: logLevel.NOTHING }),
    ).producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer.disconnect();
  });

  it('prints reason, detail, key and request id of the letters already there, then of new ones', async () => {
    await sendLetter(producer, topics, {
      key: ID,
      value: `{"service":"ingress","request_id":"${ID}","stat`,
      reason: 'invalid_json',
      detail: 'Unexpected end of JSON input',
      offset: 17,
    });
    await sendLetter(producer, topics, {
      key: null,
      value: JSON.stringify({ service: 'puptoo', request_id: 'short', status: 'received' }),
      reason: 'invalid_request_id',
      detail: 'request_id must be 32 characters',
      offset: 18,
    });
    const views: DeadLetterView[] = [];
    const sut = await tailDeadLetters(
      { ...topics.kafka, topic: topics.dlqTopic, fromBeginning: true },
      (view) => views.push(view),
    );
    try {
      await waitFor(views, 2);
      await sendLetter(producer, topics, {
        key: 'k-3',
        value: 'not json',
        reason: 'invalid_json',
        detail: 'Unexpected token',
        offset: 19,
      });
      await waitFor(views, 3);
    } finally {
      await sut.stop();
    }

    expect(views).toMatchObject([
      {
        reason: 'invalid_json',
        detail: 'Unexpected end of JSON input',
        key: ID,
        requestId: ID,
        origin: `${topics.topic}/2@17`,
        offset: '0',
      },
      {
        reason: 'invalid_request_id',
        detail: 'request_id must be 32 characters',
        key: null,
        requestId: 'short',
        origin: `${topics.topic}/2@18`,
      },
      { reason: 'invalid_json', key: 'k-3', requestId: null, origin: `${topics.topic}/2@19` },
    ]);
    expect(formatDeadLetter(views[1] as DeadLetterView)).toMatch(
      new RegExp(
        `^\\d{4}-\\d\\d-\\d\\dT\\S+Z {2}reason=invalid_request_id {2}request_id=short {2}key=- {2}from=${topics.topic.replace(/\./g, '\\.')}/2@18 {2}detail="request_id must be 32 characters"$`,
      ),
    );
  });

  it('says which topic is missing instead of waiting for it', async () => {
    await expect(
      tailDeadLetters(
        { ...topics.kafka, topic: `${topics.dlqTopic}.nope`, fromBeginning: true },
        () => undefined,
      ),
    ).rejects.toThrow(`topic '${topics.dlqTopic}.nope' does not exist`);
  });

  it('runs as `npm run dlq`, printing the letters above as lines until stopped', async () => {
    const output = await new Promise<string>((resolve, reject) => {
      const child = execFile(
        'npm',
        [
          'run',
          '--silent',
          'dlq',
          '--',
          '--brokers',
          topics.brokers.join(','),
          '--topic',
          topics.dlqTopic,
        ],
        // The sign-in as a user exports it; the brokers come from --brokers.
        {
          cwd: workspaceRoot(),
          timeout: 30_000,
          env: { ...process.env, ...kafkaEnvironment(topics.kafka) },
        },
        (error, stdout) => {
          if (error && !child.killed) reject(new Error(`npm run dlq failed: ${error.message}`));
          else resolve(stdout);
        },
      );
      let seen = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (seen.split('\n').filter((line) => line.includes('reason=')).length >= 3)
          child.kill('SIGINT');
      });
    });
    const lines = output.split('\n').filter((line) => line.includes('reason='));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain(`reason=invalid_json  request_id=${ID}  key=${ID}`);
    expect(lines[2]).toContain('key=k-3');
  });
});
