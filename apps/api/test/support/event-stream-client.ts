import { get } from 'node:http';
import type { ClientRequest, IncomingHttpHeaders, IncomingMessage } from 'node:http';

/** One message of a `text/event-stream`, as a client parses it. */
export interface ReceivedEvent {
  readonly id?: string;
  readonly event?: string;
  readonly data?: string;
  /** Comment lines (without the colon), such as `heartbeat`. */
  readonly comments: readonly string[];
}

/**
 * A minimal Server-Sent Events client over `node:http`: it keeps every message the server
 * sent, and waits for the ones a test expects.
 */
export class EventStreamClient {
  readonly received: ReceivedEvent[] = [];
  private buffer = '';
  private hasEnded = false;
  private readonly waiters = new Set<() => void>();

  private constructor(
    private readonly request: ClientRequest,
    private readonly response: IncomingMessage,
  ) {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      this.buffer += chunk;
      let end = this.buffer.indexOf('\n\n');
      while (end !== -1) {
        this.received.push(parseMessage(this.buffer.slice(0, end)));
        this.buffer = this.buffer.slice(end + 2);
        end = this.buffer.indexOf('\n\n');
      }
      this.notify();
    });
    response.on('close', () => {
      this.hasEnded = true;
      this.notify();
    });
  }

  /** Opens the stream; resolves once the response headers arrived, whatever the status. */
  static open(url: string, headers: Record<string, string> = {}): Promise<EventStreamClient> {
    return new Promise((resolve, reject) => {
      const request = get(url, { headers: { accept: 'text/event-stream', ...headers } });
      request.once('response', (response) => resolve(new EventStreamClient(request, response)));
      request.once('error', reject);
    });
  }

  get status(): number {
    return this.response.statusCode ?? 0;
  }

  get headers(): IncomingHttpHeaders {
    return this.response.headers;
  }

  get isEnded(): boolean {
    return this.hasEnded;
  }

  /** The messages that are events (not only comments or a `retry`). */
  events(): ReceivedEvent[] {
    return this.received.filter((message) => message.data !== undefined);
  }

  /** The whole body of a response that is not a stream (an error), once it ended. */
  async body(): Promise<string> {
    await this.until(() => this.hasEnded, 2000, 'the end of the response');
    return this.buffer;
  }

  /** Resolves when `condition` holds, rejects after `timeoutMs`. */
  async until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (condition()) {
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const check = (): void => {
        if (condition()) {
          clearTimeout(timer);
          this.waiters.delete(check);
          resolve();
        }
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`no ${what} within ${timeoutMs.toString()} ms`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  close(): void {
    this.request.destroy();
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) {
      waiter();
    }
  }
}

function parseMessage(text: string): ReceivedEvent {
  const fields: Record<string, string> = {};
  const comments: string[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith(':')) {
      comments.push(line.slice(1).trim());
      continue;
    }
    const colon = line.indexOf(':');
    const name = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    fields[name] = fields[name] === undefined ? value : `${fields[name]}\n${value}`;
  }
  return { id: fields['id'], event: fields['event'], data: fields['data'], comments };
}
