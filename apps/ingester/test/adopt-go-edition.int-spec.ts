import { Client, Pool } from 'pg';

import type { GoEditionStatus } from '@payload-tracker/entities/testing';
import { createGoEditionSchema, insertGoEditionStatuses } from '@payload-tracker/entities/testing';
import type { ApiProcess, TestDatabase, TestTopics } from '@payload-tracker/local-stack';
import {
  createEmptyTestDatabase,
  createTestTopics,
  startApiProcess,
  waitUntil,
} from '@payload-tracker/local-stack';
import { formatTimestamp, parseStatusMessage } from '@payload-tracker/status-lifecycle';

import { IngesterProcess } from './support/ingester-process';
import { runMigrateJob } from './support/migrate-job';
import { TestKafka, isoAt, lifecycle, newRequestId } from './support/status-traffic';

/*
 * Issue 14 end to end: a database the Go edition built and filled (over several daily
 * partitions, with the exact duplicates its consumer stores on redelivery), taken over by the
 * migrations job as operators run it (`migrate adopt`), then served by the real api and
 * written by the real ingester, which stores nothing again when the same messages come back.
 */

jest.setTimeout(180_000);

const DAYS = ['2026-11-27', '2026-11-28', '2026-11-29'];
const UPLOADS_PER_DAY = 4;
const FAILURE_MSG = 'puptoo: the archive is not a valid tarball';

interface Upload {
  requestId: string;
  /** The JSON values its producers sent, once each. */
  messages: Record<string, unknown>[];
}

/** 12 uploads, 4 a day: 7 statuses each, but one that fails at puptoo after 5. */
const UPLOADS: Upload[] = DAYS.flatMap((day, dayIndex) =>
  Array.from({ length: UPLOADS_PER_DAY }, (_, index): Upload => {
    const requestId = newRequestId();
    const base = Date.parse(`${day}T10:00:00Z`) + index * 60_000;
    const messages = lifecycle(requestId, base, 7).map((message, position) =>
      position === 6 ? { ...message, inventory_id: `inv-${dayIndex}-${index}` } : message,
    );
    if (dayIndex === 1 && index === 2) {
      return {
        requestId,
        messages: [
          ...messages.slice(0, 4),
          { ...messages[4], status: 'error', status_msg: FAILURE_MSG },
        ],
      };
    }
    return { requestId, messages };
  }),
);

function uploadAt(index: number): Upload {
  const upload = UPLOADS[index];
  if (upload === undefined) {
    throw new Error(`no upload ${index}`);
  }
  return upload;
}

function messageOf(uploadIndex: number, position: number): Record<string, unknown> {
  const message = uploadAt(uploadIndex).messages[position];
  if (message === undefined) {
    throw new Error(`no message ${position} of upload ${uploadIndex}`);
  }
  return message;
}

const FAILED = uploadAt(6);
const TRIPLED = uploadAt(0);
const SENT = UPLOADS.flatMap((upload) => upload.messages);
/** Redelivered: one message three times in all, two others twice, on all three days. */
const REDELIVERED = [messageOf(0, 0), messageOf(0, 0), messageOf(5, 3), messageOf(10, 6)];
/** Every delivery, in order: the Go edition stored each as a row of its own. */
const DELIVERED = [...SENT, ...REDELIVERED];

function asGoStatus(message: Record<string, unknown>): GoEditionStatus {
  const result = parseStatusMessage(Buffer.from(JSON.stringify(message)), {
    requestIdLength: 32,
  });
  if (!result.ok) {
    throw new Error(`fixture message refused: ${result.detail}`);
  }
  const status = result.message;
  return {
    requestId: status.requestId,
    service: status.service,
    source: status.source,
    status: status.status,
    statusMsg: status.statusMsg,
    date: formatTimestamp(status.date),
    account: status.account,
    orgId: status.orgId,
    inventoryId: status.inventoryId,
    systemId: status.systemId,
  };
}

interface ListBody<T> {
  count: number;
  data: T[];
}

interface PayloadRow {
  request_id: string;
  account?: string;
  org_id?: string;
  inventory_id?: string;
  created_at: string;
  state?: string;
  status_count?: number;
  failed_service?: string;
  failed_source?: string;
  failed_status?: string;
  failed_status_msg?: string;
}

interface StatusRow {
  request_id: string;
  service: string;
  source?: string;
  status: string;
  status_msg?: string;
  date: string;
}

interface PayloadStatusesBody {
  data: StatusRow[];
  duration: Record<string, string>;
  summary?: { state: string; status_count: number };
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
  }
  return (await response.json()) as T;
}

/** The stored statuses as messages identify them, one line per row, sorted. */
async function readStatusLines(pool: Pool): Promise<string[]> {
  const { rows } = await pool.query<{ line: string }>(`
    SELECT concat_ws('|', p.request_id, sv.name, coalesce(so.name, '-'), st.name,
                     coalesce(s.status_msg, '-'),
                     to_char(s.date AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')) AS line
      FROM payload_statuses s JOIN payloads p ON p.id = s.payload_id
      JOIN services sv ON sv.id = s.service_id LEFT JOIN sources so ON so.id = s.source_id
      JOIN statuses st ON st.id = s.status_id ORDER BY 1`);
  return rows.map((row) => row.line);
}

async function countOf(pool: Pool, table: 'payloads' | 'payload_statuses'): Promise<number> {
  const { rows } = await pool.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM ${table}`,
  );
  return rows[0]?.count ?? -1;
}

describe('migrate adopt on a Go-edition deployment (real PostgreSQL, Kafka, api, ingester)', () => {
  let database: TestDatabase;
  let topics: TestTopics;
  let pool: Pool;
  let kafka: TestKafka;
  let api: ApiProcess | undefined;
  let ingester: IngesterProcess | undefined;
  let linesBefore: string[];

  beforeAll(async () => {
    [database, topics] = await Promise.all([
      createEmptyTestDatabase(),
      createTestTopics({ partitions: 3 }),
    ]);
    const client = new Client({ connectionString: database.url, options: '-c TimeZone=UTC' });
    await client.connect();
    try {
      await createGoEditionSchema(client, { days: DAYS });
      await insertGoEditionStatuses(client, DELIVERED.map(asGoStatus));
    } finally {
      await client.end();
    }
    pool = new Pool({ connectionString: database.url, max: 2, options: '-c TimeZone=UTC' });
    kafka = new TestKafka(topics.kafka);
    linesBefore = await readStatusLines(pool);
  });

  afterAll(async () => {
    await ingester?.kill();
    api?.child.kill('SIGKILL');
    await kafka?.close();
    await pool?.end();
    await database?.drop();
  });

  it('starts from what the Go edition stored: every delivery a row, over three partitions', async () => {
    expect(linesBefore).toHaveLength(DELIVERED.length);
    expect(new Set(linesBefore).size).toBe(SENT.length);
    const { rows } = await pool.query<{ partition: string; count: number }>(
      `SELECT tableoid::regclass::text AS partition, count(*)::int AS count
         FROM payload_statuses GROUP BY 1 ORDER BY 1`,
    );
    expect(rows.map((row) => row.partition)).toEqual([
      'partition_20261127_20261128',
      'partition_20261128_20261129',
      'partition_20261129_20261130',
    ]);
  });

  it('adopts through the migrations job: exit 0, the removed duplicates reported', async () => {
    const run = await runMigrateJob(database.url, ['adopt']);

    expect({ code: run.code, output: run.code === 0 ? '' : run.output }).toEqual({
      code: 0,
      output: '',
    });
    const duplicates = run.lines.find(
      (line) => line['msg'] === 'exact duplicate statuses: deleted',
    );
    expect(duplicates).toMatchObject({ extraRows: 4, payloads: 3, action: 'deleted' });
    expect(duplicates?.['sample']).toEqual(
      expect.arrayContaining([{ requestId: TRIPLED.requestId, extraRows: 2 }]),
    );
    expect(run.lines.at(-1)).toMatchObject({ msg: 'adopt: done', kind: 'go-edition' });
  });

  it('keeps every row but the reported duplicates', async () => {
    expect(await readStatusLines(pool)).toEqual([...new Set(linesBefore)]);
    expect(await countOf(pool, 'payloads')).toBe(UPLOADS.length);
  });

  it('leaves nothing for migrate up to do', async () => {
    const run = await runMigrateJob(database.url, ['up']);

    expect({ code: run.code, output: run.code === 0 ? '' : run.output }).toEqual({
      code: 0,
      output: '',
    });
    expect(run.lines.find((line) => line['msg'] === 'migrations applied')).toMatchObject({
      applied: [],
    });
    expect(await readStatusLines(pool)).toEqual([...new Set(linesBefore)]);
  });

  describe('the api on the adopted database', () => {
    beforeAll(async () => {
      api = await startApiProcess(database.url, {});
    });

    it('lists every payload with its fields and outcome', async () => {
      const body = await getJson<ListBody<PayloadRow>>(
        `${api?.url ?? ''}/api/v1/payloads?page_size=100&sort_by=created_at&sort_dir=asc`,
      );

      expect(body.count).toBe(UPLOADS.length);
      expect(body.data.map((row) => row.request_id)).toEqual(
        UPLOADS.map((upload) => upload.requestId),
      );
      for (const [index, row] of body.data.entries()) {
        const upload = uploadAt(index);
        expect(row).toMatchObject({
          account: '000123',
          org_id: '54321',
          created_at: upload.messages[0]?.['date'],
          state: upload === FAILED ? 'failed' : 'succeeded',
          status_count: upload.messages.length,
        });
      }
      expect(body.data.find((row) => row.request_id === FAILED.requestId)).toMatchObject({
        failed_service: 'puptoo',
        failed_source: 'insights-client',
        failed_status: 'error',
        failed_status_msg: FAILURE_MSG,
      });
      const failed = await getJson<ListBody<PayloadRow>>(
        `${api?.url ?? ''}/api/v1/payloads?state=failed`,
      );
      expect(failed.data.map((row) => row.request_id)).toEqual([FAILED.requestId]);
    });

    it('serves one payload its statuses once each, newest first, with durations', async () => {
      const body = await getJson<PayloadStatusesBody>(
        `${api?.url ?? ''}/api/v1/payloads/${TRIPLED.requestId}`,
      );

      expect(body.data.map((row) => [row.service, row.source, row.status, row.date])).toEqual(
        TRIPLED.messages
          .map((message) => [
            message['service'],
            message['source'],
            message['status'],
            message['date'],
          ])
          .reverse(),
      );
      expect(body.data[0]).toMatchObject({ inventory_id: 'inv-0-0', account: '000123' });
      // 137.001 ms between statuses: ingress 2, puptoo 3, inventory 2 of them.
      expect(body.duration).toEqual({
        'ingress:undefined': '00:00:00.137001',
        'puptoo:insights-client': '00:00:00.274002',
        'inventory:insights-client': '00:00:00.137001',
        total_time_in_services: '00:00:00.548004',
        total_time: '00:00:00.822006',
      });
      expect(body.summary).toMatchObject({ state: 'succeeded', status_count: 7 });

      const failed = await getJson<PayloadStatusesBody>(
        `${api?.url ?? ''}/api/v1/payloads/${FAILED.requestId}`,
      );
      expect(failed.data[0]).toMatchObject({
        service: 'puptoo',
        status: 'error',
        status_msg: FAILURE_MSG,
      });
      expect(failed.summary).toMatchObject({ state: 'failed', status_count: 5 });
    });

    it('lists the statuses across payloads, duplicates gone', async () => {
      const all = await getJson<ListBody<StatusRow>>(
        `${api?.url ?? ''}/api/v1/statuses?page_size=1`,
      );
      expect(all.count).toBe(SENT.length);
      const oneUpload = await getJson<ListBody<StatusRow>>(
        `${api?.url ?? ''}/api/v1/statuses?request_id=${uploadAt(5).requestId}&page_size=100`,
      );
      expect(oneUpload.count).toBe(7);
      expect(oneUpload.data.map((row) => row.date).sort()).toEqual(
        uploadAt(5).messages.map((message) => message['date']),
      );
      const ingress = await getJson<ListBody<StatusRow>>(
        `${api?.url ?? ''}/api/v1/statuses?service=ingress&status=received&page_size=1`,
      );
      expect(ingress.count).toBe(UPLOADS.length);
    });
  });

  describe('the ingester on the adopted database', () => {
    beforeAll(async () => {
      await kafka.produceStatuses(topics.topic, DELIVERED);
      ingester = await IngesterProcess.start({ databaseUrl: database.url, ...topics });
    });

    it('stores nothing when every message the Go edition stored is delivered again', async () => {
      await waitUntil(
        'the replay consumed',
        async () => {
          expect(await kafka.hasGroupCaughtUp(topics.groupId, topics.topic)).toBe(true);
        },
        { timeoutMs: 90_000 },
      );

      expect(await ingester?.metric('payload_tracker_duplicate_messages_total')).toBe(
        DELIVERED.length,
      );
      expect(await ingester?.metric('payload_tracker_stored_statuses_total')).toBe(0);
      expect(await countOf(pool, 'payload_statuses')).toBe(SENT.length);
      expect(await countOf(pool, 'payloads')).toBe(UPLOADS.length);
      expect(await readStatusLines(pool)).toEqual([...new Set(linesBefore)]);
    });

    it('stores a new upload after it, on the ids the Go edition left off at', async () => {
      const requestId = newRequestId();
      await kafka.produceStatuses(topics.topic, [
        {
          service: 'ingress',
          request_id: requestId,
          status: 'received',
          date: isoAt(Date.now(), 1),
        },
      ]);

      await waitUntil('the new status stored', async () => {
        expect(await countOf(pool, 'payload_statuses')).toBe(SENT.length + 1);
      });

      expect(await ingester?.metric('payload_tracker_stored_statuses_total')).toBe(1);
      expect(await countOf(pool, 'payloads')).toBe(UPLOADS.length + 1);
      const { rows } = await pool.query<{ isAfter: boolean }>(
        `SELECT (SELECT id FROM payloads WHERE request_id = $1)
              > (SELECT max(id) FROM payloads WHERE request_id <> $1) AS "isAfter"`,
        [requestId],
      );
      expect(rows[0]?.isAfter).toBe(true);
    });
  });
});
