import { Injectable, Logger } from '@nestjs/common';
import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DatabasePool, PayloadStatusListener } from '@payload-tracker/entities';

import { API_ERROR_CODES, ApiError } from '../common/api-error';
import type { EnvironmentVariables } from '../config/environment-variables';
import { MetricsService } from '../metrics/metrics.service';
import { PayloadsService } from '../payloads/payloads.service';
import type { PayloadStatusEvent } from '../payloads/payloads.service';
import { ConcurrencyLimit } from './concurrency-limit';
import { readLastEventId } from './last-event-id';
import { PayloadEventStream } from './payload-event-stream';
import type { EventSink, PayloadEventSource } from './payload-event-stream';
import { PayloadEventStreams } from './payload-event-streams';
import { formatSseRetry } from './sse-format';

/** Reads of event streams running at once; the rest queue (the pool also serves REST). */
const EVENT_READ_CONCURRENCY = 4;

/** A client this far behind is too slow to keep: its stream ends, and it may resume. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/** What a client waits before reconnecting (told in the stream's first line). */
const RECONNECT_DELAY_MS = 3000;

/** `pg_stat_activity.application_name` of the LISTEN connection. */
const LISTENER_APPLICATION_NAME = 'payload-tracker-api-listen';

/** Where a stream of one payload starts: the payload's id, and the status id to send after. */
export interface PayloadStreamCursor {
  readonly payloadId: string;
  readonly afterId: string;
}

/**
 * The event streams of `GET /payloads/{request_id}/events`. One LISTEN connection per process
 * hears which payloads got statuses (committed ones only) and wakes their streams, each of
 * which then reads what was stored after its cursor. One timer writes every heartbeat; while
 * the LISTEN is down another wakes every stream every `EVENTS_POLL_SECONDS`, and once it is
 * back every stream is woken once, so a lost notification delays an event, never loses it.
 */
@Injectable()
export class PayloadEventsService
  implements PayloadEventSource, OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger(PayloadEventsService.name);
  private readonly streams = new PayloadEventStreams<PayloadEventStream>();
  private readonly reads = new ConcurrencyLimit(EVENT_READ_CONCURRENCY);
  private readonly listener: PayloadStatusListener;
  private readonly heartbeatMs: number;
  private readonly pollMs: number;
  private readonly maxStreams: number;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private isClosing = false;

  constructor(
    private readonly payloads: PayloadsService,
    private readonly metrics: MetricsService,
    pool: DatabasePool,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.heartbeatMs = config.get('EVENTS_HEARTBEAT_SECONDS', { infer: true }) * 1000;
    this.pollMs = config.get('EVENTS_POLL_SECONDS', { infer: true }) * 1000;
    this.maxStreams = config.get('EVENTS_MAX_STREAMS', { infer: true });
    this.listener = new PayloadStatusListener(
      { ...pool.config, application_name: LISTENER_APPLICATION_NAME },
      {
        onStatuses: (payloadIds) => {
          for (const stream of this.streams.streamsOf(payloadIds)) {
            stream.wake();
          }
        },
        onListening: () => this.wakeAll(),
      },
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listener.start();
    this.heartbeatTimer = setInterval(() => this.heartbeat(), this.heartbeatMs);
    this.heartbeatTimer.unref();
    this.pollTimer = setInterval(() => {
      if (!this.listener.isListening) {
        this.wakeAll();
      }
    }, this.pollMs);
    this.pollTimer.unref();
  }

  /** Ends every stream before the HTTP server closes: it would otherwise wait for them. */
  async beforeApplicationShutdown(): Promise<void> {
    this.isClosing = true;
    clearInterval(this.heartbeatTimer);
    clearInterval(this.pollTimer);
    for (const stream of this.streams.all()) {
      this.close(stream);
    }
    await this.listener.stop();
  }

  /** How many streams are open. */
  get openStreams(): number {
    return this.streams.size;
  }

  /**
   * Checks a stream can start, and where: after `Last-Event-ID` (or `last_event_id`) when
   * given, else after the payload's latest status (nothing old is sent).
   *
   * @throws ApiError `invalid_parameter`, `payload_not_found`, `too_many_event_streams`
   */
  async cursorOf(
    requestId: string,
    lastEventIdHeader: string | undefined,
    lastEventIdQuery: string | undefined,
  ): Promise<PayloadStreamCursor> {
    const lastEventId = readLastEventId(lastEventIdHeader, lastEventIdQuery);
    this.requireRoom();
    const start = await this.payloads.streamStart(requestId);
    return { payloadId: start.payloadId, afterId: lastEventId ?? start.latestStatusId ?? '0' };
  }

  /**
   * Starts a stream on `sink` (its headers already sent): registered first, then woken, so
   * a status committed since {@link cursorOf} read the cursor is sent either way. Never
   * throws (the response is the stream's by now): streams that passed {@link cursorOf}
   * together may take the count a little over `EVENTS_MAX_STREAMS`.
   */
  open(cursor: PayloadStreamCursor, sink: EventSink): PayloadEventStream {
    const stream = new PayloadEventStream(cursor.payloadId, cursor.afterId, sink, this);
    sink.write(formatSseRetry(RECONNECT_DELAY_MS));
    this.streams.add(stream);
    this.metrics.eventStreams.set(this.streams.size);
    stream.wake();
    return stream;
  }

  /** Ends and forgets a stream (the client left, the process stops, or it fell behind). */
  close(stream: PayloadEventStream): void {
    stream.close();
    if (this.streams.delete(stream)) {
      this.metrics.eventStreams.set(this.streams.size);
    }
  }

  eventsAfter(payloadId: string, afterId: string, limit: number): Promise<PayloadStatusEvent[]> {
    return this.reads.run(() => this.payloads.statusEventsAfter(payloadId, afterId, limit));
  }

  sent(count: number): void {
    this.metrics.eventsSent.inc(count);
  }

  failed(stream: PayloadEventStream, error: unknown): void {
    this.logger.warn(
      {
        payloadId: stream.payloadId,
        lastEventId: stream.lastEventId,
        err: error instanceof Error ? error.message : String(error),
      },
      'Reading new statuses for an event stream failed; retrying at the next heartbeat',
    );
  }

  private requireRoom(): void {
    if (this.isClosing) {
      throw new ApiError(API_ERROR_CODES.shuttingDown, 'The server is shutting down; retry');
    }
    if (this.streams.size >= this.maxStreams) {
      throw new ApiError(
        API_ERROR_CODES.tooManyEventStreams,
        `This server holds its maximum of ${this.maxStreams.toString()} event streams; retry later`,
      );
    }
  }

  private wakeAll(): void {
    for (const stream of this.streams.all()) {
      stream.wake();
    }
  }

  private heartbeat(): void {
    for (const stream of this.streams.all()) {
      if (stream.bufferedBytes > MAX_BUFFERED_BYTES) {
        this.logger.warn(
          { payloadId: stream.payloadId, bufferedBytes: stream.bufferedBytes },
          'Ending an event stream whose client does not keep up',
        );
        this.close(stream);
      } else {
        stream.heartbeat();
      }
    }
  }
}
