import { findFreePort, preferPort } from '../net/free-port';

/** The ports of the local run, the variable that sets each and its default. */
export const STACK_PORTS = {
  postgres: { variable: 'POSTGRES_PORT', fallback: 5432, label: 'PostgreSQL' },
  kafka: { variable: 'KAFKA_PORT', fallback: 9092, label: 'Kafka' },
  api: { variable: 'API_PORT', fallback: 8080, label: 'api' },
  apiMetrics: { variable: 'METRICS_PORT', fallback: 9000, label: 'api metrics' },
  ingesterMetrics: { variable: 'INGESTER_METRICS_PORT', fallback: 9001, label: 'ingester metrics' },
} as const;

export type StackPortName = keyof typeof STACK_PORTS;

/** Reads the wanted port of `name` from `env`; a value that is not a port stops the start. */
export function wantedPort(name: StackPortName, env: NodeJS.ProcessEnv): number {
  const { variable, fallback } = STACK_PORTS[name];
  const text = env[variable];
  if (text === undefined || text === '') return fallback;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new Error(`${variable} must be a TCP port (1-65535), got '${text}'`);
  }
  return port;
}

/**
 * Picks the ports of the local run: each the one its variable (or the default) names, unless it
 * is taken, then a free one, and `log` says so. Never the same port twice.
 */
export async function planPorts<Name extends StackPortName>(
  names: readonly Name[],
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): Promise<Record<Name, number>> {
  const chosen = new Set<number>();
  const ports = {} as Record<Name, number>;
  for (const name of names) {
    const wanted = wantedPort(name, env);
    let port = chosen.has(wanted) ? await findFreePort() : await preferPort(wanted);
    while (chosen.has(port)) port = await findFreePort();
    if (port !== wanted) {
      const { variable, label } = STACK_PORTS[name];
      log(`${label}: port ${wanted} (${variable}) is taken, using ${port} instead`);
    }
    chosen.add(port);
    ports[name] = port;
  }
  return ports;
}
