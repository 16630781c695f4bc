import type { PayloadStatusEvent } from '../payloads/payloads.service';
import { SSE_HEARTBEAT, STATUS_EVENT_NAME, formatSseEvent } from './sse-format';

/** Where a stream's text goes: the HTTP response, or a test's buffer. */
export interface EventSink {
  write(text: string): void;
  end(): void;
  /** Bytes written but not yet taken by the client. */
  readonly bufferedBytes: number;
}

/** What a stream asks of its owner. */
export interface PayloadEventSource {
  /** At most `limit` events of the payload after the status `afterId`, in id order. */
  eventsAfter(payloadId: string, afterId: string, limit: number): Promise<PayloadStatusEvent[]>;
  /** `count` events were written. */
  sent(count: number): void;
  /** Reading failed; the stream tries again at its next heartbeat. */
  failed(stream: PayloadEventStream, error: unknown): void;
}

/** Events read per query; a full page is followed by another at once. */
export const EVENT_PAGE_SIZE = 500;

/**
 * One open event stream of one payload. Its cursor is the id of the last status it sent;
 * woken (by a notification, a sweep or its first start), it reads what was stored after the
 * cursor and sends it. Reads never overlap: a wake during one makes it read again after, so
 * nothing is missed and nothing is sent twice.
 */
export class PayloadEventStream {
  private isReading = false;
  private isWokenAgain = false;
  private hasFailed = false;
  private isEnded = false;

  constructor(
    readonly payloadId: string,
    private cursor: string,
    private readonly sink: EventSink,
    private readonly source: PayloadEventSource,
  ) {}

  /** The id of the last status sent (or the one the stream started after). */
  get lastEventId(): string {
    return this.cursor;
  }

  get isClosed(): boolean {
    return this.isEnded;
  }

  get bufferedBytes(): number {
    return this.sink.bufferedBytes;
  }

  /** Looks for new statuses now, or right after the read in progress. */
  wake(): void {
    if (this.isEnded) {
      return;
    }
    if (this.isReading) {
      this.isWokenAgain = true;
      return;
    }
    void this.read();
  }

  /** Writes a heartbeat, and retries a read that failed. */
  heartbeat(): void {
    if (this.isEnded) {
      return;
    }
    this.sink.write(SSE_HEARTBEAT);
    if (this.hasFailed) {
      this.wake();
    }
  }

  /** Ends the response (once). */
  close(): void {
    if (this.isEnded) {
      return;
    }
    this.isEnded = true;
    this.sink.end();
  }

  private async read(): Promise<void> {
    this.isReading = true;
    try {
      do {
        this.isWokenAgain = false;
        const events = await this.source.eventsAfter(this.payloadId, this.cursor, EVENT_PAGE_SIZE);
        if (this.isEnded) {
          return;
        }
        for (const event of events) {
          this.sink.write(formatSseEvent(event.id, STATUS_EVENT_NAME, event.data));
          this.cursor = event.id;
        }
        if (events.length > 0) {
          this.source.sent(events.length);
        }
        if (events.length >= EVENT_PAGE_SIZE) {
          this.isWokenAgain = true;
        }
      } while (this.isWokenAgain && !this.isEnded);
      this.hasFailed = false;
    } catch (error: unknown) {
      this.hasFailed = true;
      this.source.failed(this, error);
    } finally {
      this.isReading = false;
    }
  }
}
