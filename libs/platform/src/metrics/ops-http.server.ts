import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Logger } from 'pino';
import type { Registry } from 'prom-client';

/** An answer of an operations route. */
export interface OpsResponse {
  readonly status: number;
  readonly body: unknown;
}

/**
 * How long an idle keep-alive connection stays open. Node's default (5 s) races a client that
 * reuses the connection just as the server closes it, and that client sees "other side closed":
 * a failed scrape or probe. Above the idle timeouts of Prometheus and the kubelet's probes, and
 * Fastify's default (the api's public port), so the client closes first.
 */
export const OPS_KEEP_ALIVE_TIMEOUT_MS = 72_000;

/** A `GET` route of the operations port besides `/metrics` (the ingester's probes). */
export type OpsRoute = () => Promise<OpsResponse>;

/**
 * The operations listener of a process (`METRICS_PORT`): `GET /metrics` from the registry, and
 * any JSON routes given (the ingester's `/health/*`). Plain `node:http`, apart from the public
 * port: scraping never competes with the api's rate limit, and it answers before the rest of
 * the process has started.
 */
export class OpsHttpServer {
  private server: Server | undefined;

  constructor(
    private registry: Registry,
    private readonly logger: Logger,
    private routes: Readonly<Record<string, OpsRoute>> = {},
  ) {}

  /**
   * Serves `registry` and `routes` from now on, in place of those given to the constructor: a
   * process opens its listener first (probes answer while it starts) and hands over its real
   * metrics and probes once they exist.
   */
  serve(registry: Registry, routes: Readonly<Record<string, OpsRoute>>): void {
    this.registry = registry;
    this.routes = routes;
  }

  /** Starts listening; resolves to the bound port (useful with port 0). */
  async listen(port: number, host = '0.0.0.0'): Promise<number> {
    const server = createServer((request, response) => {
      void this.handle(request, response);
    });
    server.keepAliveTimeout = OPS_KEEP_ALIVE_TIMEOUT_MS;
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const bound = (server.address() as AddressInfo).port;
    this.logger.info({ context: OpsHttpServer.name, port: bound }, 'metrics listening');
    return bound;
  }

  /** Stops listening; connections in flight finish first. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server !== undefined) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const route = this.routes[path];
    if (request.method !== 'GET' || (path !== '/metrics' && route === undefined)) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not Found');
      return;
    }
    try {
      if (route === undefined) {
        const body = await this.registry.metrics();
        response.writeHead(200, { 'content-type': this.registry.contentType }).end(body);
        return;
      }
      const answer = await route();
      response
        .writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' })
        .end(JSON.stringify(answer.body));
    } catch (error: unknown) {
      this.logger.error(
        { context: OpsHttpServer.name, err: error, path },
        'operations route failed',
      );
      response
        .writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
        .end('Internal Server Error');
    }
  }
}
