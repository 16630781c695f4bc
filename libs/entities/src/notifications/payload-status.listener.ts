import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import type { ClientConfig, Notification } from 'pg';

import {
  PAYLOAD_STATUS_CHANNEL,
  parsePayloadStatusNotification,
} from './payload-status-notification';

/** What a {@link PayloadStatusListener} tells its owner. */
export interface PayloadStatusListenerHandlers {
  /** Statuses of these payloads (`payloads.id`) were committed. */
  onStatuses(payloadIds: readonly string[]): void;
  /**
   * The LISTEN is in place: at start, and again after a lost connection. Notifications sent
   * while it was not may be lost, so the owner should look for what it missed.
   */
  onListening(): void;
}

/** Timings of a {@link PayloadStatusListener}. */
export interface PayloadStatusListenerOptions {
  /** First wait before reconnecting; doubles up to `maxBackoffMs`. */
  readonly initialBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /**
   * How often the connection is checked with `SELECT 1`: a connection that silently died (a
   * dropped NAT entry, say) would otherwise deliver nothing and never fail.
   */
  readonly pingIntervalMs?: number;
}

/** How long the LISTEN or a ping may take before the connection counts as lost. */
const PING_TIMEOUT_MS = 10_000;

const DEFAULTS: Required<PayloadStatusListenerOptions> = {
  initialBackoffMs: 250,
  maxBackoffMs: 10_000,
  pingIntervalMs: 30_000,
};

/**
 * One dedicated connection that `LISTEN`s on {@link PAYLOAD_STATUS_CHANNEL} and hands the
 * payload ids of every notification to its owner; PostgreSQL delivers a notification only when
 * the transaction that sent it commits, so whatever it announces is readable. A lost connection
 * is logged at WARN and opened again with backoff, for as long as the listener runs.
 */
export class PayloadStatusListener {
  private readonly logger = new Logger(PayloadStatusListener.name);
  private readonly options: Required<PayloadStatusListenerOptions>;
  private client: Client | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private pingTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private isStopped = false;

  /**
   * @param config - connection options (the process's pool options fit; the pool size is unused)
   */
  constructor(
    private readonly config: ClientConfig,
    private readonly handlers: PayloadStatusListenerHandlers,
    options: PayloadStatusListenerOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Whether the LISTEN is in place right now. */
  get isListening(): boolean {
    return this.client !== undefined;
  }

  /**
   * Opens the connection; resolves after the first attempt, whether it worked or not (a
   * failed one is retried in the background: the process need not wait for its database).
   */
  async start(): Promise<void> {
    this.isStopped = false;
    await this.connect();
  }

  /** Closes the connection and stops reconnecting. */
  async stop(): Promise<void> {
    this.isStopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    // A ping that never answers fails after the timeout instead of hanging the check.
    const client = new Client({ ...this.config, keepAlive: true, query_timeout: PING_TIMEOUT_MS });
    let isLost = false;
    const lose = (error: unknown): void => {
      if (isLost) {
        return;
      }
      isLost = true;
      void client.end().catch(() => undefined);
      this.lost(client, error);
    };
    client.on('notification', (message: Notification) => {
      if (message.channel === PAYLOAD_STATUS_CHANNEL && message.payload !== undefined) {
        this.handlers.onStatuses(parsePayloadStatusNotification(message.payload));
      }
    });
    client.on('error', lose);
    client.on('end', () => lose(new Error('the connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${PAYLOAD_STATUS_CHANNEL}`);
    } catch (error: unknown) {
      lose(error);
      return;
    }
    if (this.isStopped || isLost) {
      await client.end().catch(() => undefined);
      return;
    }
    if (this.failures > 0) {
      this.logger.log({ failures: this.failures }, 'LISTEN connection restored');
    }
    this.client = client;
    this.failures = 0;
    clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => {
      client.query('SELECT 1').catch(lose);
    }, this.options.pingIntervalMs);
    this.pingTimer.unref();
    this.handlers.onListening();
  }

  private lost(client: Client, error: unknown): void {
    if (this.client === client) {
      this.client = undefined;
      clearInterval(this.pingTimer);
    }
    if (this.isStopped) {
      return;
    }
    this.failures += 1;
    const retryInMs = Math.min(
      this.options.maxBackoffMs,
      this.options.initialBackoffMs * 2 ** (this.failures - 1),
    );
    this.logger.warn(
      {
        err: error instanceof Error ? error.message : String(error),
        failures: this.failures,
        retryInMs,
      },
      'LISTEN connection lost; reconnecting',
    );
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      void this.connect();
    }, retryInMs);
    this.retryTimer.unref();
  }
}
