import type { PayloadStatusEvent } from '../payloads/payloads.service';
import { EVENT_PAGE_SIZE, PayloadEventStream } from './payload-event-stream';
import type { EventSink, PayloadEventSource } from './payload-event-stream';

/** A sink that keeps what it was written. */
class BufferSink implements EventSink {
  text = '';
  isEnded = false;
  readonly bufferedBytes = 0;

  write(text: string): void {
    this.text += text;
  }

  end(): void {
    this.isEnded = true;
  }

  ids(): string[] {
    return [...this.text.matchAll(/^id: (\d+)$/gm)].map((match) => match[1] ?? '');
  }
}

/** Statuses 1..n stored so far; each read waits until the test lets it answer. */
class FakeSource implements PayloadEventSource {
  stored = 0;
  reads: { afterId: string; answer: () => void }[] = [];
  sentCount = 0;
  failures: unknown[] = [];
  failNext = false;

  eventsAfter(_payloadId: string, afterId: string, limit: number): Promise<PayloadStatusEvent[]> {
    return new Promise((resolve, reject) => {
      this.reads.push({
        afterId,
        answer: () => {
          if (this.failNext) {
            this.failNext = false;
            reject(new Error('database down'));
            return;
          }
          const events: PayloadStatusEvent[] = [];
          for (let id = Number(afterId) + 1; id <= this.stored && events.length < limit; id += 1) {
            events.push({ id: String(id), data: { status: { id } } });
          }
          resolve(events);
        },
      });
    });
  }

  sent(count: number): void {
    this.sentCount += count;
  }

  failed(_stream: PayloadEventStream, error: unknown): void {
    this.failures.push(error);
  }

  async answer(): Promise<void> {
    const read = this.reads.shift();
    if (read === undefined) {
      throw new Error('no read waiting');
    }
    read.answer();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('PayloadEventStream', () => {
  let sink: BufferSink;
  let source: FakeSource;
  let sut: PayloadEventStream;

  beforeEach(() => {
    sink = new BufferSink();
    source = new FakeSource();
    sut = new PayloadEventStream('9', '2', sink, source);
  });

  it('sends what was stored after its cursor, in order, and moves the cursor', async () => {
    source.stored = 4;
    sut.wake();
    await source.answer();
    expect(sink.ids()).toEqual(['3', '4']);
    expect(sink.text).toContain('event: status\ndata: {"status":{"id":3}}\n\n');
    expect(sut.lastEventId).toBe('4');
    expect(source.sentCount).toBe(2);
  });

  it('reads again after a read that a wake overlapped, never two reads at once', async () => {
    source.stored = 3;
    sut.wake();
    sut.wake();
    sut.wake();
    expect(source.reads).toHaveLength(1);
    source.stored = 5;
    await source.answer();
    expect(source.reads.map((read) => read.afterId)).toEqual(['5']);
    await source.answer();
    expect(source.reads).toHaveLength(0);
    expect(sink.ids()).toEqual(['3', '4', '5']);
  });

  it('reads page after page until a page is not full', async () => {
    source.stored = 2 + EVENT_PAGE_SIZE + 1;
    sut.wake();
    await source.answer();
    await source.answer();
    expect(source.reads).toHaveLength(0);
    expect(sink.ids()).toHaveLength(EVENT_PAGE_SIZE + 1);
  });

  it('retries a failed read at its next heartbeat, from the same cursor', async () => {
    source.stored = 3;
    source.failNext = true;
    sut.wake();
    await source.answer();
    expect(source.failures).toHaveLength(1);
    expect(sink.ids()).toEqual([]);
    sut.heartbeat();
    expect(sink.text).toBe(': heartbeat\n\n');
    expect(source.reads.map((read) => read.afterId)).toEqual(['2']);
    await source.answer();
    expect(sink.ids()).toEqual(['3']);
    sut.heartbeat();
    expect(source.reads).toHaveLength(0);
  });

  it('writes nothing once closed, and ends its sink once', async () => {
    source.stored = 3;
    sut.wake();
    sut.close();
    sut.close();
    await source.answer();
    sut.wake();
    sut.heartbeat();
    expect(sink.text).toBe('');
    expect(sink.isEnded).toBe(true);
    expect(sut.isClosed).toBe(true);
    expect(source.reads).toHaveLength(0);
  });
});
