import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the stand-in broker answers one request id. */
export type BrokerBehaviour =
  | { readonly kind: 'json'; readonly status: number; readonly body: unknown }
  | { readonly kind: 'text'; readonly status: number; readonly body: string }
  | { readonly kind: 'slow'; readonly delayMs: number };

/** A local HTTP server standing in for the storage broker, recording what it was sent. */
export class FakeStorageBroker {
  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly received: { url: string; headers: IncomingHttpHeaders }[],
    private readonly timers: Set<NodeJS.Timeout>,
  ) {}

  static async start(behaviours: ReadonlyMap<string, BrokerBehaviour>): Promise<FakeStorageBroker> {
    const received: { url: string; headers: IncomingHttpHeaders }[] = [];
    const timers = new Set<NodeJS.Timeout>();
    const server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      received.push({ url: url.toString(), headers: request.headers });
      const behaviour = behaviours.get(url.searchParams.get('request_id') ?? '') ?? {
        kind: 'json',
        status: 404,
        body: { error: 'not found' },
      };
      switch (behaviour.kind) {
        case 'json':
          response
            .writeHead(behaviour.status, { 'content-type': 'application/json' })
            .end(JSON.stringify(behaviour.body));
          return;
        case 'text':
          response
            .writeHead(behaviour.status, { 'content-type': 'text/plain' })
            .end(behaviour.body);
          return;
        case 'slow': {
          const timer = setTimeout(() => {
            timers.delete(timer);
            response
              .writeHead(200, { 'content-type': 'application/json' })
              .end(JSON.stringify({ url: 'https://too.late/' }));
          }, behaviour.delayMs);
          timers.add(timer);
          return;
        }
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    return new FakeStorageBroker(
      server,
      `http://127.0.0.1:${port.toString()}/archive/url`,
      received,
      timers,
    );
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** An `x-rh-identity` header value with these associate roles. */
export function identityHeader(roles: readonly string[]): string {
  return Buffer.from(
    JSON.stringify({
      identity: { type: 'Associate', associate: { Role: roles, email: 'someone@example.com' } },
    }),
  ).toString('base64');
}
