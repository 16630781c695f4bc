/**
 * A TCP proxy between the api and PostgreSQL that records the statements the api sends
 * (extended protocol: Parse carries the SQL, Bind its parameters). Tools may not import app
 * code, and re-stating the api's SQL here would drift from it; recording it off the wire
 * gives exactly what the api runs, parameters included.
 */
import { createConnection, createServer } from 'node:net';
import type { Server, Socket } from 'node:net';

/** One executed statement: its SQL and its parameters as the api sent them (text format). */
export interface RecordedStatement {
  readonly sql: string;
  readonly parameters: (string | null)[];
}

/** Reads the frontend (client → server) half of the PostgreSQL protocol. */
class FrontendStreamParser {
  private buffer = Buffer.alloc(0);
  private isStartupDone = false;

  constructor(private readonly onMessage: (type: string, body: Buffer) => void) {}

  push(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      // The startup message (and an SSLRequest) has no type byte.
      const headerLength = this.isStartupDone ? 5 : 4;
      if (this.buffer.length < headerLength) {
        return;
      }
      const length = this.buffer.readInt32BE(headerLength - 4);
      const total = headerLength - 4 + length;
      if (this.buffer.length < total) {
        return;
      }
      if (this.isStartupDone) {
        this.onMessage(String.fromCharCode(this.buffer[0] ?? 0), this.buffer.subarray(5, total));
      } else if (this.buffer.readInt32BE(4) !== 80877103) {
        this.isStartupDone = true;
      }
      this.buffer = this.buffer.subarray(total);
    }
  }
}

function readCString(body: Buffer, offset: number): [string, number] {
  const end = body.indexOf(0, offset);
  return [body.toString('utf8', offset, end), end + 1];
}

/** Records every Bind (with its prepared SQL) passing through; {@link take} drains them. */
export class ApiStatementRecorder {
  private readonly statements = new Map<string, string>();
  private recorded: RecordedStatement[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly server: Server = createServer((client) => {
    this.proxy(client);
  });

  private constructor(private readonly upstream: { host: string; port: number }) {}

  /** Listens on a free local port and forwards every connection to `upstream`. */
  static async start(upstream: { host: string; port: number }): Promise<ApiStatementRecorder> {
    const recorder = new ApiStatementRecorder(upstream);
    await new Promise<void>((resolve) => {
      recorder.server.listen(0, '127.0.0.1', resolve);
    });
    return recorder;
  }

  /** The local port the api should connect to. */
  get port(): number {
    const address = this.server.address();
    return typeof address === 'object' && address !== null ? address.port : 0;
  }

  /** Statements bound since the last call. */
  take(): RecordedStatement[] {
    const taken = this.recorded;
    this.recorded = [];
    return taken;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) {
      socket.destroy();
    }
    await new Promise<void>((resolve) => {
      this.server.close(() => {
        resolve();
      });
    });
  }

  private proxy(client: Socket): void {
    const server = createConnection(this.upstream);
    this.sockets.add(client).add(server);
    const parser = new FrontendStreamParser((type, body) => {
      this.onMessage(type, body);
    });
    client.on('data', (chunk: Buffer) => {
      parser.push(chunk);
      server.write(chunk);
    });
    server.on('data', (chunk: Buffer) => client.write(chunk));
    const close = (): void => {
      client.destroy();
      server.destroy();
      this.sockets.delete(client);
      this.sockets.delete(server);
    };
    client.on('close', close).on('error', close);
    server.on('close', close).on('error', close);
  }

  private onMessage(type: string, body: Buffer): void {
    if (type === 'P') {
      const [name, afterName] = readCString(body, 0);
      const [sql] = readCString(body, afterName);
      this.statements.set(name, sql);
      return;
    }
    if (type !== 'B') {
      return;
    }
    const [, afterPortal] = readCString(body, 0);
    const [statement, afterStatement] = readCString(body, afterPortal);
    let offset = afterStatement;
    const formatCount = body.readInt16BE(offset);
    offset += 2 + 2 * formatCount;
    const parameterCount = body.readInt16BE(offset);
    offset += 2;
    const parameters: (string | null)[] = [];
    for (let i = 0; i < parameterCount; i++) {
      const length = body.readInt32BE(offset);
      offset += 4;
      if (length < 0) {
        parameters.push(null);
      } else {
        parameters.push(body.toString('utf8', offset, offset + length));
        offset += length;
      }
    }
    const sql = this.statements.get(statement);
    if (sql !== undefined) {
      this.recorded.push({ sql, parameters });
    }
  }
}
