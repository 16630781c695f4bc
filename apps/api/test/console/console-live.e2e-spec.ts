import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

import type { TestDatabase, TestTopics } from '@payload-tracker/local-stack';
import {
  createTestDatabase,
  createTestTopics,
  findFreePort,
  kafkaClientConfig,
  kafkaEnvironment,
  waitUntil,
  workspaceRoot,
} from '@payload-tracker/local-stack';
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import type { Producer } from 'kafkajs';
import type { Browser } from 'playwright-core';

import {
  DESKTOP,
  launchChromium,
  openLiveUploadPage,
  openPage,
  startConsoleServer,
} from './console-browser';
import type { ConsoleServer } from './console-browser';
import {
  CONSOLE_ACCOUNT,
  CONSOLE_UPLOADS,
  writeConsoleFixtures,
} from '../support/console-fixtures';

jest.setTimeout(180_000);

/*
 * The whole path a user watches: a status produced to Kafka, consumed and committed by the real
 * ingester (a process of its own, from source), notified at commit, streamed by the api, shown
 * by the open upload page in Chromium, within 2 s and without a reload.
 */
describe('the console: an upload page follows statuses produced to Kafka (Chromium)', () => {
  let database: TestDatabase;
  let topics: TestTopics;
  let server: ConsoleServer;
  let browser: Browser;
  let ingester: ChildProcess | undefined;
  let producer: Producer;
  let ingesterOutput = '';

  beforeAll(async () => {
    [database, topics] = await Promise.all([createTestDatabase(), createTestTopics()]);
    await writeConsoleFixtures(database.url, BigInt(Date.now()) * 1000n);
    const metricsPort = await findFreePort();
    ingester = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/ingester/src/main.ts'], {
      cwd: workspaceRoot(),
      env: {
        PATH: process.env['PATH'],
        SWC_NODE_PROJECT: 'apps/ingester/tsconfig.app.json',
        KAFKAJS_NO_PARTITIONER_WARNING: '1',
        DATABASE_URL: database.url,
        ...kafkaEnvironment(topics.kafka),
        KAFKA_TOPIC: topics.topic,
        KAFKA_DLQ_TOPIC: topics.dlqTopic,
        KAFKA_GROUP_ID: topics.groupId,
        METRICS_PORT: metricsPort.toString(),
        DB_POOL_SIZE: '2',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (chunk: Buffer): void => {
      ingesterOutput = (ingesterOutput + chunk.toString()).slice(-10_000);
    };
    ingester.stdout?.on('data', collect);
    ingester.stderr?.on('data', collect);
    producer = new Kafka(
      kafkaClientConfig(topics.kafka, {
        clientId: 'console-live-test',
        logLevel: logLevel.NOTHING,
      }),
    ).producer({ createPartitioner: Partitioners.DefaultPartitioner });
    [server, browser] = await Promise.all([
      startConsoleServer(database.url),
      launchChromium(),
      producer.connect(),
      waitUntil(
        'ingester ready (partitions assigned)',
        async () => {
          const response = await fetch(`http://127.0.0.1:${metricsPort.toString()}/health/ready`);
          if (!response.ok) {
            throw new Error(`ready answered ${response.status.toString()}:\n${ingesterOutput}`);
          }
        },
        { timeoutMs: 90_000, intervalMs: 250 },
      ),
    ]);
  });

  afterAll(async () => {
    ingester?.kill('SIGKILL');
    await producer?.disconnect();
    await browser?.close();
    await server?.app.close();
    await database?.drop();
  });

  it('shows a status produced to Kafka while the page is open within 2 s', async () => {
    const { context, page } = await openPage(browser, DESKTOP);
    try {
      const requestId = CONSOLE_UPLOADS.inProgress;
      const { statusRows, shown } = await openLiveUploadPage(page, server.origin, requestId);

      const produced = Date.now();
      await producer.send({
        topic: topics.topic,
        messages: [
          {
            key: requestId,
            value: JSON.stringify({
              request_id: requestId,
              service: 'puptoo',
              source: 'client',
              status: 'success',
              date: new Date().toISOString(),
              account: CONSOLE_ACCOUNT,
            }),
          },
        ],
      });
      await statusRows.nth(shown).waitFor({ timeout: 2_000 });
      const seenAfterMs = Date.now() - produced;
      expect(await statusRows.count()).toBe(shown + 1);
      await expect(
        page.locator('.fact', { hasText: 'State' }).locator('dd').textContent(),
      ).resolves.toContain('Succeeded');
      process.stdout.write(
        `console live update: produced to Kafka -> on the page in ${seenAfterMs.toString()} ms\n`,
      );
    } finally {
      await context.close();
    }
  });
});
