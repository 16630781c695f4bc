import { pino } from 'pino';
import { Counter } from 'prom-client';

import { createMetricsRegistry } from './metrics-registry';
import { OPS_KEEP_ALIVE_TIMEOUT_MS, OpsHttpServer } from './ops-http.server';

describe('OpsHttpServer', () => {
  const registry = createMetricsRegistry({ process: 'test', version: 'dev' });
  new Counter({ name: 'payload_tracker_things_total', help: 'Things.', registers: [registry] }).inc(
    3,
  );
  const sut = new OpsHttpServer(registry, pino({ level: 'silent' }), {
    '/health/ready': () => Promise.resolve({ status: 503, body: { status: 'error' } }),
    '/health/live': () => Promise.reject(new Error('broken probe')),
  });
  let base: string;

  beforeAll(async () => {
    base = `http://127.0.0.1:${(await sut.listen(0, '127.0.0.1')).toString()}`;
  });

  afterAll(async () => {
    await sut.close();
  });

  it('serves the registry in the Prometheus text format', async () => {
    const response = await fetch(`${base}/metrics?ignored=1`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(await response.text()).toMatch(/^payload_tracker_things_total 3$/m);
  });

  it('keeps an idle connection open longer than its clients do, so that none reuses a closing one', async () => {
    const response = await fetch(`${base}/metrics`);
    await response.text();

    expect(response.headers.get('keep-alive')).toBe(
      `timeout=${(OPS_KEEP_ALIVE_TIMEOUT_MS / 1000).toString()}`,
    );
    expect(OPS_KEEP_ALIVE_TIMEOUT_MS).toBeGreaterThan(60_000);
  });

  it('answers a route with its status and JSON body', async () => {
    const response = await fetch(`${base}/health/ready`);

    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({ status: 'error' });
  });

  it('answers 500 when a route fails, 404 for anything else', async () => {
    expect((await fetch(`${base}/health/live`)).status).toBe(500);
    expect((await fetch(`${base}/nothing`)).status).toBe(404);
    expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(404);
  });

  it('serves the registry and routes handed over later, on the same listener', async () => {
    const early = new OpsHttpServer(
      createMetricsRegistry({ process: 'early', version: 'dev' }),
      pino({ level: 'silent' }),
      {
        '/health/ready': () => Promise.resolve({ status: 503, body: { status: 'starting' } }),
      },
    );
    const port = await early.listen(0, '127.0.0.1');
    try {
      expect((await fetch(`http://127.0.0.1:${port.toString()}/health/ready`)).status).toBe(503);

      early.serve(registry, {
        '/health/ready': () => Promise.resolve({ status: 200, body: { status: 'ok' } }),
      });

      expect((await fetch(`http://127.0.0.1:${port.toString()}/health/ready`)).status).toBe(200);
      expect(await (await fetch(`http://127.0.0.1:${port.toString()}/metrics`)).text()).toMatch(
        /^payload_tracker_things_total 3$/m,
      );
    } finally {
      await early.close();
    }
  });
});
