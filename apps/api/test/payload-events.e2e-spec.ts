import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DatabasePool, StatusBatchWriter } from '@payload-tracker/entities';
import { createTestDatabase } from '@payload-tracker/local-stack';
import type { TestDatabase } from '@payload-tracker/local-stack';
import type { StatusMessage } from '@payload-tracker/status-lifecycle';
import { parseTimestamp } from '@payload-tracker/status-lifecycle';

import { PayloadEventsService } from '../src/events/payload-events.service';
import { startApiTestApp } from './support/api-test-app';
import { EventStreamClient } from './support/event-stream-client';
import type { ReceivedEvent } from './support/event-stream-client';
import { UNKNOWN_REQUEST_ID } from './support/fixtures';

/** The spec's bound: a committed status reaches an open stream within this. */
const EVENT_DEADLINE_MS = 2000;

const HEARTBEAT_SECONDS = 1;

let sequence = 0;
/** A fresh request id per test, so tests do not see each other's statuses. */
function newRequestId(): string {
  sequence += 1;
  return sequence.toString(16).padStart(32, 'e');
}

function message(requestId: string, service: string, status: string, date: string): StatusMessage {
  const micros = parseTimestamp(date);
  if (micros === null) {
    throw new Error(`bad test timestamp ${date}`);
  }
  return {
    requestId,
    service,
    status,
    source: service === 'puptoo' ? 'client' : null,
    date: micros,
    account: '1001',
    orgId: 'orga',
    inventoryId: null,
    systemId: 'sys1',
    statusMsg: status === 'error' ? 'line one\nline two' : null,
  };
}

interface StatusesBody {
  data: { id: number }[];
  summary?: Record<string, unknown>;
}

interface EventData {
  status: { id: number };
  summary?: Record<string, unknown>;
}

function dataOf(event: ReceivedEvent | undefined): EventData {
  if (event?.data === undefined) {
    throw new Error('not an event');
  }
  return JSON.parse(event.data) as EventData;
}

describe('GET /api/v1/payloads/{request_id}/events', () => {
  let database: TestDatabase;
  let pool: DatabasePool;
  let writer: StatusBatchWriter;
  let sut: NestFastifyApplication;
  let baseUrl: string;
  const clients: EventStreamClient[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new DatabasePool({ connectionString: database.url, max: 2, options: '-c TimeZone=UTC' });
    writer = new StatusBatchWriter(pool);
    sut = await startApiTestApp({
      DATABASE_URL: database.url,
      EVENTS_HEARTBEAT_SECONDS: String(HEARTBEAT_SECONDS),
    });
    await sut.listen(0, '127.0.0.1');
    const address = sut.getHttpServer().address();
    if (address === null || typeof address === 'string') {
      throw new Error('the api is not listening on a port');
    }
    baseUrl = `http://127.0.0.1:${address.port.toString()}`;
  });

  afterEach(() => {
    for (const client of clients.splice(0)) {
      client.close();
    }
  });

  afterAll(async () => {
    await sut.close();
    await pool.close();
    await database.drop();
  });

  async function open(requestId: string, headers: Record<string, string> = {}, query = '') {
    const client = await EventStreamClient.open(
      `${baseUrl}/api/v1/payloads/${requestId}/events${query}`,
      headers,
    );
    clients.push(client);
    return client;
  }

  async function statusesOf(requestId: string): Promise<StatusesBody> {
    const response = await fetch(`${baseUrl}/api/v1/payloads/${requestId}`);
    expect(response.status).toBe(200);
    return (await response.json()) as StatusesBody;
  }

  /** Lets the stream's first read finish, so what follows is "after it opened". */
  async function settled(client: EventStreamClient): Promise<void> {
    await client.until(() => client.received.length > 0, EVENT_DEADLINE_MS, 'retry line');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  it('sends a committed status within 2 s: the row and the summary as GET /payloads/{id} shows them', async () => {
    const requestId = newRequestId();
    await writer.write([message(requestId, 'ingress', 'received', '2026-11-28T10:00:00.123456Z')]);
    const client = await open(requestId);
    expect(client.status).toBe(200);
    expect(client.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(client.headers['x-request-id']).toBeDefined();
    await settled(client);
    expect(client.events()).toEqual([]); // nothing old without Last-Event-ID

    const writtenAt = Date.now();
    await writer.write([message(requestId, 'puptoo', 'error', '2026-11-28T10:00:01.500001Z')]);
    await client.until(() => client.events().length === 1, EVENT_DEADLINE_MS, 'status event');
    expect(Date.now() - writtenAt).toBeLessThan(EVENT_DEADLINE_MS);

    const [event] = client.events();
    const rest = await statusesOf(requestId);
    const newest = rest.data[0];
    expect(event?.event).toBe('status');
    expect(event?.id).toBe(String(newest?.id));
    expect(dataOf(event)).toEqual({ status: newest, summary: rest.summary });
    expect(dataOf(event).summary).toMatchObject({ state: 'failed', status_count: 2 });
  });

  it('resumes after Last-Event-ID with exactly the statuses it missed, then live ones', async () => {
    const requestId = newRequestId();
    await writer.write([
      message(requestId, 'ingress', 'received', '2026-11-28T11:00:00.000001Z'),
      message(requestId, 'ingress', 'success', '2026-11-28T11:00:01.000001Z'),
    ]);
    const seen = (await statusesOf(requestId)).data.map((row) => row.id).sort((a, b) => a - b);
    const lastSeen = seen.at(-1) ?? 0;
    // Stored while the client was away.
    await writer.write([message(requestId, 'puptoo', 'received', '2026-11-28T11:00:02.000001Z')]);
    await writer.write([
      message(requestId, 'puptoo', 'processing', '2026-11-28T11:00:03.000001Z'),
      message(requestId, 'puptoo', 'success', '2026-11-28T11:00:04.000001Z'),
    ]);
    const missed = (await statusesOf(requestId)).data
      .map((row) => row.id)
      .filter((id) => id > lastSeen)
      .sort((a, b) => a - b);
    expect(missed).toHaveLength(3);

    const client = await open(requestId, { 'Last-Event-ID': String(lastSeen) });
    await client.until(() => client.events().length === 3, EVENT_DEADLINE_MS, 'missed events');
    expect(client.events().map((event) => Number(event.id))).toEqual(missed);
    expect(client.events().map((event) => dataOf(event).status.id)).toEqual(missed);

    await writer.write([message(requestId, 'advisor', 'received', '2026-11-28T11:00:05.000001Z')]);
    await client.until(() => client.events().length === 4, EVENT_DEADLINE_MS, 'live event');
    // A heartbeat later, still no duplicate.
    await client.until(
      () => client.received.filter((message) => message.comments.includes('heartbeat')).length > 0,
      HEARTBEAT_SECONDS * 1000 + 1000,
      'heartbeat',
    );
    const ids = client.events().map((event) => Number(event.id));
    expect(new Set(ids).size).toBe(4);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('takes last_event_id as a query parameter when the header is absent', async () => {
    const requestId = newRequestId();
    await writer.write([
      message(requestId, 'ingress', 'received', '2026-11-28T12:00:00.000001Z'),
      message(requestId, 'ingress', 'success', '2026-11-28T12:00:01.000001Z'),
    ]);
    const ids = (await statusesOf(requestId)).data.map((row) => row.id).sort((a, b) => a - b);
    const client = await open(requestId, {}, `?last_event_id=${String(ids[0])}`);
    await client.until(() => client.events().length === 1, EVENT_DEADLINE_MS, 'missed event');
    expect(client.events().map((event) => Number(event.id))).toEqual([ids[1]]);
  });

  it('writes a heartbeat comment every EVENTS_HEARTBEAT_SECONDS', async () => {
    const requestId = newRequestId();
    await writer.write([message(requestId, 'ingress', 'received', '2026-11-28T13:00:00.000001Z')]);
    const client = await open(requestId);
    const heartbeats = (): number =>
      client.received.filter((message) => message.comments.includes('heartbeat')).length;
    await client.until(() => heartbeats() >= 2, HEARTBEAT_SECONDS * 2000 + 1500, 'heartbeats');
    expect(client.received[0]).toEqual({
      id: undefined,
      event: undefined,
      data: undefined,
      comments: [],
    });
    expect(client.events()).toEqual([]);
  });

  it('answers 404 in the error shape for an unknown request id, before any stream', async () => {
    const client = await open(UNKNOWN_REQUEST_ID);
    expect(client.status).toBe(404);
    expect(client.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(await client.body())).toEqual({
      title: 'Not Found',
      message: `No payload with request_id ${UNKNOWN_REQUEST_ID}`,
      status: 404,
    });
  });

  it.each([
    [{ 'Last-Event-ID': 'abc' }, '', /^Last-Event-ID must/],
    [{}, '?last_event_id=-3', /^last_event_id must/],
  ])('answers 400 for an invalid resume id (%j%s)', async (headers, query, message) => {
    const requestId = newRequestId();
    await writer.write([message_(requestId)]);
    const client = await open(requestId, headers, query);
    expect(client.status).toBe(400);
    const body = JSON.parse(await client.body()) as { message: string; status: number };
    expect(body.status).toBe(400);
    expect(body.message).toMatch(message);
  });

  it('forgets a stream when its client leaves', async () => {
    const requestId = newRequestId();
    await writer.write([message_(requestId)]);
    const events = sut.get(PayloadEventsService);
    const before = events.openStreams;
    const client = await open(requestId);
    await settled(client);
    expect(events.openStreams).toBe(before + 1);
    client.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(events.openStreams).toBe(before);
  });

  describe('a process holding its maximum of streams', () => {
    let capped: NestFastifyApplication;
    let cappedUrl: string;
    let isCappedClosed = false;

    beforeAll(async () => {
      capped = await startApiTestApp({ DATABASE_URL: database.url, EVENTS_MAX_STREAMS: '1' });
      await capped.listen(0, '127.0.0.1');
      const address = capped.getHttpServer().address();
      if (address === null || typeof address === 'string') {
        throw new Error('the api is not listening on a port');
      }
      cappedUrl = `http://127.0.0.1:${address.port.toString()}`;
    });

    afterAll(async () => {
      if (!isCappedClosed) {
        await capped.close();
      }
    });

    it('refuses the next stream with a 503, and ends its streams promptly when it stops', async () => {
      const requestId = newRequestId();
      await writer.write([message_(requestId)]);
      const url = `${cappedUrl}/api/v1/payloads/${requestId}/events`;
      const first = await EventStreamClient.open(url);
      clients.push(first);
      await first.until(() => first.received.length > 0, EVENT_DEADLINE_MS, 'retry line');
      const second = await EventStreamClient.open(url);
      clients.push(second);
      expect(second.status).toBe(503);
      expect(JSON.parse(await second.body())).toMatchObject({
        title: 'Service Unavailable',
        status: 503,
      });

      const startedAt = Date.now();
      await capped.close();
      isCappedClosed = true;
      await first.until(() => first.isEnded, 2000, 'end of the stream');
      expect(Date.now() - startedAt).toBeLessThan(2000);
    });
  });
});

function message_(requestId: string): StatusMessage {
  return message(requestId, 'ingress', 'received', '2026-11-28T14:00:00.000001Z');
}
