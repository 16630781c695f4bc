import { Client } from 'pg';
import type { ClientConfig } from 'pg';

/** A ping must answer within this time, or the database counts as unreachable. */
export const DATABASE_PING_TIMEOUT_MS = 1500;

/**
 * Whether PostgreSQL answers `SELECT 1` in time, over a connection of its own: a probe never
 * waits in the pool behind busy requests, so a busy process is not reported as cut off from its
 * database. The connection is opened on the first ping and opened again after a failed one.
 */
export class DatabaseHealthCheck {
  private client: Promise<Client> | undefined;

  /**
   * @param config - connection options (the process's pool options fit; the pool size is unused)
   * @param timeoutMs - how long a ping may take, connecting included
   */
  constructor(
    private readonly config: ClientConfig,
    private readonly timeoutMs = DATABASE_PING_TIMEOUT_MS,
  ) {}

  /** True when the database answered within the timeout. */
  async isReachable(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    // The timer may fire late on a busy event loop, in the same turn as an answer that has
    // already arrived: the check phase after that turn's I/O decides, so the timeout measures
    // the database, not the process's own backlog.
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => setImmediate(() => resolve(false)), this.timeoutMs);
    });
    const ping = this.ping().then(
      () => true,
      () => false,
    );
    try {
      const isReachable = await Promise.race([ping, timeout]);
      if (!isReachable) {
        this.dropConnection();
      }
      return isReachable;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes the probe's connection (at shutdown), waiting at most the ping timeout for it. */
  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client === undefined) {
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    // A connection the server already dropped may never confirm its end: do not hang a stop on it.
    const bound = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.timeoutMs);
    });
    const ended = client.then(
      (connected) => connected.end().catch(() => undefined),
      () => undefined,
    );
    try {
      await Promise.race([ended, bound]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async ping(): Promise<void> {
    this.client ??= this.connect();
    const client = await this.client;
    await client.query('SELECT 1');
  }

  private connect(): Promise<Client> {
    const client = new Client(this.config);
    const connecting = client.connect().then(() => client);
    // A connection dropped by the server between pings surfaces here; the next ping reconnects.
    client.on('error', () => {
      if (this.client === connecting) {
        this.dropConnection();
      }
    });
    return connecting;
  }

  private dropConnection(): void {
    const client = this.client;
    this.client = undefined;
    void client?.then(
      (connected) => connected.end().catch(() => undefined),
      () => undefined,
    );
  }
}
