import type { ServerResponse } from 'node:http';
import type { EventSink } from './payload-event-stream';

/** An event stream's text, written to the raw HTTP response (no Fastify hook sees it). */
export class ServerResponseSink implements EventSink {
  constructor(private readonly response: ServerResponse) {}

  get bufferedBytes(): number {
    return this.response.writableLength;
  }

  write(text: string): void {
    if (!this.response.writableEnded && !this.response.destroyed) {
      this.response.write(text);
    }
  }

  end(): void {
    if (!this.response.writableEnded) {
      this.response.end();
    }
  }
}
