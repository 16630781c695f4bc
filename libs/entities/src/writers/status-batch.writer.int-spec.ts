import { Pool } from 'pg';

import type { TestDatabase } from '@payload-tracker/local-stack';
import { createTestDatabase } from '@payload-tracker/local-stack';
import type { StatusMessage } from '@payload-tracker/status-lifecycle';
import { parseTimestamp, payloadGroupKey } from '@payload-tracker/status-lifecycle';

import { DatabasePool } from '../database/database-pool';
import { GroupStartRepository } from '../statuses/group-start.repository';
import { StatusBatchWriter } from './status-batch.writer';

function at(text: string): bigint {
  const micros = parseTimestamp(text);
  if (micros === null) {
    throw new Error(`bad test timestamp ${text}`);
  }
  return micros;
}

let sequence = 0;
function requestId(): string {
  sequence += 1;
  return `${Date.now().toString(16)}${sequence.toString(16)}`.padEnd(32, '0');
}

function message(overrides: Partial<StatusMessage>): StatusMessage {
  return {
    requestId: 'x'.repeat(32),
    service: 'ingress',
    status: 'received',
    source: null,
    date: at('2026-11-28T10:00:00.123456Z'),
    account: null,
    orgId: null,
    inventoryId: null,
    systemId: null,
    statusMsg: null,
    ...overrides,
  };
}

describe('StatusBatchWriter', () => {
  let database: TestDatabase;
  let databasePool: DatabasePool;
  let pool: Pool;
  let sut: StatusBatchWriter;

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = { connectionString: database.url, max: 4, options: '-c TimeZone=UTC' };
    databasePool = new DatabasePool(config);
    // Assertions read through a pool of their own.
    pool = new Pool(config);
    sut = new StatusBatchWriter(databasePool);
  });

  afterAll(async () => {
    await databasePool.close();
    await pool.end();
    await database.drop();
  });

  async function statusesOf(id: string): Promise<
    {
      service: string;
      source: string | null;
      status: string;
      date: string;
      status_msg: string | null;
    }[]
  > {
    const result = await pool.query<{
      service: string;
      source: string | null;
      status: string;
      date: string;
      status_msg: string | null;
    }>(
      `SELECT sv.name AS service, so.name AS source, st.name AS status, ps.date, ps.status_msg
       FROM payload_statuses ps
       JOIN payloads p ON p.id = ps.payload_id
       JOIN services sv ON sv.id = ps.service_id
       LEFT JOIN sources so ON so.id = ps.source_id
       JOIN statuses st ON st.id = ps.status_id
       WHERE p.request_id = $1
       ORDER BY ps.date, st.name`,
      [id],
    );
    return result.rows;
  }

  it('stores a lifecycle with merged payload fields, new lookups and microseconds intact', async () => {
    const id = requestId();
    const result = await sut.write([
      message({
        requestId: id,
        service: 'ingress',
        status: 'received',
        account: '123',
        date: at('2026-11-28T10:00:01.000001Z'),
      }),
      message({
        requestId: id,
        service: 'ingress',
        status: 'success',
        orgId: 'o-1',
        date: at('2026-11-28T10:00:02.500002Z'),
      }),
      message({
        requestId: id,
        service: 'puptoo',
        source: 'insights-client',
        status: 'received',
        date: at('2026-11-28T10:00:00.999999Z'),
      }),
      message({
        requestId: id,
        service: 'puptoo',
        source: 'insights-client',
        status: 'error',
        statusMsg: 'bad tarball',
        account: '456',
        systemId: 's-1',
        date: at('2026-11-28T10:00:04.000003Z'),
      }),
    ]);

    expect(result).toMatchObject({ stored: 4, duplicates: 0 });
    const payload = await pool.query(
      'SELECT account, org_id, inventory_id, system_id, created_at FROM payloads WHERE request_id = $1',
      [id],
    );
    expect(payload.rows).toEqual([
      {
        account: '456',
        org_id: 'o-1',
        inventory_id: null,
        system_id: 's-1',
        created_at: '2026-11-28 10:00:00.999999+00',
      },
    ]);
    expect(await statusesOf(id)).toEqual([
      {
        service: 'puptoo',
        source: 'insights-client',
        status: 'received',
        date: '2026-11-28 10:00:00.999999+00',
        status_msg: null,
      },
      {
        service: 'ingress',
        source: null,
        status: 'received',
        date: '2026-11-28 10:00:01.000001+00',
        status_msg: null,
      },
      {
        service: 'ingress',
        source: null,
        status: 'success',
        date: '2026-11-28 10:00:02.500002+00',
        status_msg: null,
      },
      {
        service: 'puptoo',
        source: 'insights-client',
        status: 'error',
        date: '2026-11-28 10:00:04.000003+00',
        status_msg: 'bad tarball',
      },
    ]);
    expect(result.earlierPayloadIds).toEqual(new Map());
  });

  it('names the payloads that existed before the batch, and the group starts stored for them', async () => {
    const id = requestId();
    await sut.write([
      message({
        requestId: id,
        service: 'puptoo',
        status: 'received',
        date: at('2026-11-28T10:00:00.000001Z'),
      }),
    ]);

    const result = await sut.write([
      message({
        requestId: id,
        service: 'puptoo',
        status: 'success',
        date: at('2026-11-28T10:00:02.250001Z'),
      }),
      message({ requestId: requestId(), status: 'received' }),
    ]);

    const payloadId = result.earlierPayloadIds.get(id);
    expect([...result.earlierPayloadIds.keys()]).toEqual([id]);
    expect(payloadId).toMatch(/^\d+$/);
    const starts = await new GroupStartRepository(databasePool).earliestDates([
      { requestId: id, payloadId: payloadId ?? '', service: 'puptoo', source: null },
      { requestId: id, payloadId: payloadId ?? '', service: 'puptoo', source: 'elsewhere' },
    ]);
    expect(starts).toEqual(
      new Map([[payloadGroupKey(id, 'puptoo', null), at('2026-11-28T10:00:00.000001Z')]]),
    );
  });

  it('stores nothing new when the same messages are written again, and counts them as duplicates', async () => {
    const id = requestId();
    const batch = [
      message({ requestId: id, status: 'received', date: at('2026-11-28T11:00:00Z') }),
      message({ requestId: id, status: 'processing', date: at('2026-11-28T11:00:01Z') }),
    ];
    await sut.write(batch);

    const again = await new StatusBatchWriter(databasePool).write([
      ...batch,
      batch[0] as StatusMessage,
    ]);

    expect(again).toMatchObject({ stored: 0, duplicates: 3, storedMessages: [] });
    expect(await statusesOf(id)).toHaveLength(2);
  });

  it('stores a message repeated inside one batch once', async () => {
    const id = requestId();
    const repeated = message({
      requestId: id,
      status: 'received',
      date: at('2026-11-28T12:00:00Z'),
    });

    const result = await sut.write([repeated, { ...repeated }]);

    expect(result).toMatchObject({ stored: 1, duplicates: 1 });
    expect(await statusesOf(id)).toHaveLength(1);
  });

  it('never blanks a stored field and keeps the earliest created_at across batches', async () => {
    const id = requestId();
    await sut.write([
      message({
        requestId: id,
        account: '1',
        inventoryId: 'inv-1',
        date: at('2026-11-28T13:00:05Z'),
      }),
    ]);

    await sut.write([
      message({
        requestId: id,
        status: 'processing',
        account: '2',
        date: at('2026-11-28T13:00:01Z'),
      }),
    ]);
    await sut.write([
      message({ requestId: id, status: 'success', date: at('2026-11-28T13:00:09Z') }),
    ]);

    const payload = await pool.query(
      'SELECT account, inventory_id, created_at FROM payloads WHERE request_id = $1',
      [id],
    );
    expect(payload.rows).toEqual([
      { account: '2', inventory_id: 'inv-1', created_at: '2026-11-28 13:00:01+00' },
    ]);
  });

  it('creates the partitions of days years in the past and in the future', async () => {
    const id = requestId();
    const future = new Date(Date.now() + 5 * 86_400_000).toISOString();

    const result = await sut.write([
      message({ requestId: id, date: at('2019-02-03T04:05:06.654321Z') }),
      message({ requestId: id, status: 'success', date: at(future) }),
    ]);

    expect(result.stored).toBe(2);
    const partitions = await pool.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'payload_statuses'::regclass AND c.relname = 'partition_20190203_20190204'`,
    );
    expect(partitions.rows).toHaveLength(1);
    expect((await statusesOf(id)).map((row) => row.date)[0]).toBe('2019-02-03 04:05:06.654321+00');
  });

  it('resolves a new name seen by several writers at once to one lookup row, without error', async () => {
    const name = `svc-${requestId()}`;
    const writers = Array.from({ length: 4 }, () => new StatusBatchWriter(databasePool));

    const results = await Promise.all(
      writers.map((writer, index) =>
        writer.write([
          message({
            requestId: requestId(),
            service: name,
            date: at(`2026-11-28T14:00:0${index}Z`),
          }),
        ]),
      ),
    );

    expect(results.map((r) => r.stored)).toEqual([1, 1, 1, 1]);
    const rows = await pool.query('SELECT count(*)::int AS count FROM services WHERE name = $1', [
      name,
    ]);
    expect(rows.rows).toEqual([{ count: 1 }]);
  });

  it('recreates a partition dropped behind its cache', async () => {
    const id = requestId();
    await sut.write([message({ requestId: id, date: at('2018-06-01T00:00:00Z') })]);
    await pool.query(`SELECT drop_partition('2018-06-01', '2018-06-02')`);

    await expect(
      sut.write([message({ requestId: id, status: 'success', date: at('2018-06-01T00:00:01Z') })]),
    ).rejects.toThrow();
    const retried = await sut.write([
      message({ requestId: id, status: 'success', date: at('2018-06-01T00:00:01Z') }),
    ]);

    expect(retried.stored).toBe(1);
  });
});
