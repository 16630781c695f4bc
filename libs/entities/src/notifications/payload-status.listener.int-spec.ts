import { Pool } from 'pg';

import type { TestDatabase } from '@payload-tracker/local-stack';
import { createTestDatabase, waitUntil } from '@payload-tracker/local-stack';
import type { StatusMessage } from '@payload-tracker/status-lifecycle';
import { parseTimestamp } from '@payload-tracker/status-lifecycle';

import { DatabasePool } from '../database/database-pool';
import { StatusBatchWriter } from '../writers/status-batch.writer';
import { PayloadStatusListener } from './payload-status.listener';

/** Waits until `assertion` passes. */
async function eventually(
  what: string,
  assertion: () => void,
  options: { timeoutMs?: number } = {},
): Promise<void> {
  await waitUntil(what, () => Promise.resolve().then(assertion), { intervalMs: 20, ...options });
}

const LISTENER_NAME = 'listener-int-spec';

function message(requestId: string, status: string): StatusMessage {
  const date = parseTimestamp('2026-11-28T10:00:00.123456Z');
  if (date === null) {
    throw new Error('bad test timestamp');
  }
  return {
    requestId,
    service: 'ingress',
    status,
    source: null,
    date,
    account: null,
    orgId: null,
    inventoryId: null,
    systemId: null,
    statusMsg: null,
  };
}

describe('PayloadStatusListener with StatusBatchWriter', () => {
  let database: TestDatabase;
  let databasePool: DatabasePool;
  let pool: Pool;
  let writer: StatusBatchWriter;
  const received: string[][] = [];
  let listenings = 0;
  let sut: PayloadStatusListener;

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = { connectionString: database.url, max: 4, options: '-c TimeZone=UTC' };
    databasePool = new DatabasePool(config);
    pool = new Pool(config);
    writer = new StatusBatchWriter(databasePool);
    sut = new PayloadStatusListener(
      { connectionString: database.url, application_name: LISTENER_NAME },
      {
        onStatuses: (ids) => received.push([...ids]),
        onListening: () => {
          listenings += 1;
        },
      },
      { initialBackoffMs: 50, maxBackoffMs: 200 },
    );
    await sut.start();
  });

  afterAll(async () => {
    await sut.stop();
    await databasePool.close();
    await pool.end();
    await database.drop();
  });

  async function payloadIdOf(requestId: string): Promise<string> {
    const result = await pool.query<{ id: string }>(
      'SELECT id::text AS id FROM payloads WHERE request_id = $1',
      [requestId],
    );
    return result.rows[0]?.id ?? 'missing';
  }

  it('hears, once per batch, the payloads that got a status', async () => {
    expect(sut.isListening).toBe(true);
    received.length = 0;
    await writer.write([
      message('a'.repeat(32), 'received'),
      message('b'.repeat(32), 'received'),
      message('a'.repeat(32), 'processing'),
    ]);
    await eventually('the notification', () => {
      expect(received).toHaveLength(1);
    });
    const ids = await Promise.all([payloadIdOf('a'.repeat(32)), payloadIdOf('b'.repeat(32))]);
    expect([...(received[0] ?? [])].sort()).toEqual(ids.sort());
  });

  it('hears nothing of a batch that stored nothing new', async () => {
    received.length = 0;
    await writer.write([message('c'.repeat(32), 'received')]);
    await eventually('the first notification', () => {
      expect(received.length).toBeGreaterThan(0);
    });
    received.length = 0;
    await writer.write([message('c'.repeat(32), 'received')]);
    // A marker notification: once it arrives, any notification of the batch would have too.
    await pool.query(`SELECT pg_notify('payload_status', '1')`);
    await eventually('the marker', () => {
      expect(received).toEqual([['1']]);
    });
  });

  it('listens again after its connection is killed, and says so', async () => {
    const before = listenings;
    await pool.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
      [LISTENER_NAME],
    );
    await eventually(
      'listening again',
      () => {
        expect(listenings).toBe(before + 1);
      },
      {
        timeoutMs: 10_000,
      },
    );
    received.length = 0;
    await writer.write([message('d'.repeat(32), 'received')]);
    const id = await payloadIdOf('d'.repeat(32));
    await eventually('the notification after the reconnect', () =>
      expect(received).toEqual([[id]]),
    );
  });
});
