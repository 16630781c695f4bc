import { createServer, type Server } from 'node:net';
import { findFreePort } from '../net/free-port';
import { planPorts, wantedPort } from './port-plan';

async function occupy(port: number): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

describe('planPorts', () => {
  it('gives every port the one its variable names', async () => {
    const [api, apiMetrics, ingesterMetrics, postgres, kafka] = await Promise.all(
      Array.from({ length: 5 }, () => findFreePort()),
    );
    const logged: string[] = [];
    const sut = await planPorts(
      ['postgres', 'kafka', 'api', 'apiMetrics', 'ingesterMetrics'],
      {
        API_PORT: String(api),
        METRICS_PORT: String(apiMetrics),
        INGESTER_METRICS_PORT: String(ingesterMetrics),
        POSTGRES_PORT: String(postgres),
        KAFKA_PORT: String(kafka),
      },
      (line) => logged.push(line),
    );
    expect(sut).toEqual({ api, apiMetrics, ingesterMetrics, postgres, kafka });
    expect(logged).toEqual([]);
  });

  it('falls back to a free port when the wanted one is taken, and says so', async () => {
    const squatter = await occupy(await findFreePort());
    const taken = (squatter.address() as { port: number }).port;
    try {
      const logged: string[] = [];
      const sut = await planPorts(['api'], { API_PORT: String(taken) }, (line) =>
        logged.push(line),
      );
      expect(sut.api).not.toBe(taken);
      expect(logged).toEqual([`api: port ${taken} (API_PORT) is taken, using ${sut.api} instead`]);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });

  it('never gives two services the same port', async () => {
    const port = await findFreePort();
    const logged: string[] = [];
    const sut = await planPorts(
      ['api', 'apiMetrics'],
      { API_PORT: String(port), METRICS_PORT: String(port) },
      (line) => logged.push(line),
    );
    expect(sut.api).toBe(port);
    expect(sut.apiMetrics).not.toBe(port);
    expect(logged).toEqual([
      `api metrics: port ${port} (METRICS_PORT) is taken, using ${sut.apiMetrics} instead`,
    ]);
  });

  it.each([['0'], ['70000'], ['80a'], ['8080.5']])('refuses %s naming the variable', (text) => {
    expect(() => wantedPort('kafka', { KAFKA_PORT: text })).toThrow(
      `KAFKA_PORT must be a TCP port (1-65535), got '${text}'`,
    );
  });

  it('uses the documented defaults when nothing is set', () => {
    expect(
      (['postgres', 'kafka', 'api', 'apiMetrics', 'ingesterMetrics'] as const).map((name) =>
        wantedPort(name, {}),
      ),
    ).toEqual([5432, 9092, 8080, 9000, 9001]);
  });
});
