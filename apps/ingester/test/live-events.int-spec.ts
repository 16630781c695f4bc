import type { ApiProcess, TestDatabase, TestTopics } from '@payload-tracker/local-stack';
import {
  createTestDatabase,
  createTestTopics,
  startApiProcess,
  waitUntil,
} from '@payload-tracker/local-stack';

import { IngesterProcess } from './support/ingester-process';
import { TestKafka, lifecycle, newRequestId } from './support/status-traffic';

jest.setTimeout(180_000);

interface StatusEvent {
  id: string;
  data: {
    status: { id: number; status: string; service: string };
    summary?: { status_count: number };
  };
}

/** Reads `text/event-stream` messages off a fetch response, events only. */
class EventReader {
  private readonly decoder = new TextDecoder();
  private buffer = '';
  readonly events: StatusEvent[] = [];

  constructor(private readonly reader: ReadableStreamDefaultReader<Uint8Array>) {}

  async cancel(): Promise<void> {
    await this.reader.cancel();
  }

  /** Reads until `count` events arrived; rejects after `timeoutMs`. */
  async until(count: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.events.length < count) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(
          () => reject(new Error(`${this.events.length.toString()} of ${count.toString()} events`)),
          Math.max(0, deadline - Date.now()),
        );
      });
      const chunk = await Promise.race([this.reader.read(), timeout]).finally(() =>
        clearTimeout(timer),
      );
      if (chunk.done) {
        throw new Error('the stream ended');
      }
      this.buffer += this.decoder.decode(chunk.value, { stream: true });
      let end = this.buffer.indexOf('\n\n');
      while (end !== -1) {
        const fields = new Map(
          this.buffer
            .slice(0, end)
            .split('\n')
            .filter((line) => !line.startsWith(':'))
            .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]),
        );
        const data = fields.get('data');
        if (data !== undefined) {
          this.events.push({
            id: fields.get('id') ?? '',
            data: JSON.parse(data) as StatusEvent['data'],
          });
        }
        this.buffer = this.buffer.slice(end + 2);
        end = this.buffer.indexOf('\n\n');
      }
    }
  }
}

/*
 * Live updates through the whole path: statuses produced to Kafka, stored by the real ingester
 * (whose batch transaction notifies at its commit), reach a stream the real api holds open.
 */
describe('live events through Kafka, the ingester and the api', () => {
  let database: TestDatabase;
  let topics: TestTopics;
  let kafka: TestKafka;
  let ingester: IngesterProcess | undefined;
  let api: ApiProcess | undefined;

  beforeAll(async () => {
    [database, topics] = await Promise.all([
      createTestDatabase(),
      createTestTopics({ partitions: 2 }),
    ]);
    kafka = new TestKafka(topics.kafka);
  });

  afterAll(async () => {
    api?.child.kill('SIGKILL');
    await ingester?.kill();
    await kafka?.close();
    await database?.drop();
  });

  it('sends every status produced after the stream opened, in order, with the summary', async () => {
    [ingester, api] = await Promise.all([
      IngesterProcess.start({ databaseUrl: database.url, ...topics }),
      startApiProcess(database.url, {}),
    ]);
    await ingester.waitUntilReady();
    const requestId = newRequestId();
    const [first, ...rest] = lifecycle(requestId, Date.now(), 7);
    if (first === undefined) {
      throw new Error('empty lifecycle');
    }
    await kafka.produceStatuses(topics.topic, [first]);
    const apiUrl = api.url;
    await waitUntil('the first status stored', async () => {
      const response = await fetch(`${apiUrl}/api/v1/payloads/${requestId}`);
      expect(response.status).toBe(200);
    });

    const stream = await fetch(`${apiUrl}/api/v1/payloads/${requestId}/events`);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const body = stream.body;
    if (body === null) {
      throw new Error('no body');
    }
    const reader = new EventReader(body.getReader());
    await kafka.produceStatuses(topics.topic, rest);
    await reader.until(rest.length, 20_000);
    await reader.cancel();

    const stored = (await (
      await fetch(`${apiUrl}/api/v1/payloads/${requestId}?sort_by=created_at&sort_dir=asc`)
    ).json()) as { data: { id: number }[] };
    const storedIds = stored.data.map((row) => row.id).sort((a, b) => a - b);
    const ids = reader.events.map((event) => Number(event.id));
    expect(ids).toEqual(storedIds.slice(1));
    expect(reader.events.map((event) => event.data.status.id)).toEqual(ids);
    expect(reader.events.at(-1)?.data.summary?.status_count).toBe(7);
  });
});
