/**
 * The benchmarks' traffic: uploads of 7 statuses (3 services) or 21 (7 services), a source per
 * upload, host ids once inventory answered; the ingest benchmark produces it to Kafka, the
 * writer EXPLAIN writes it straight.
 */
import { randomUUID } from 'node:crypto';

const SERVICES = [
  'ingress',
  'puptoo',
  'inventory',
  'storage-broker',
  'engine',
  'vulnerability',
  'advisor',
];
const SOURCES = ['insights-client', 'inventory', 'satellite'];

function isoAt(ms: number, micros: number): string {
  return new Date(ms).toISOString().replace('Z', `${String(micros % 1000).padStart(3, '0')}Z`);
}

/** One upload, as encoded message values: 7 statuses (3 services) or 21 (7 services × received, processing, success). */
export function lifecycle(
  size: 7 | 21,
  baseMs: number,
  statusMsg?: (index: number) => string,
): Buffer[] {
  const requestId = randomUUID().replaceAll('-', '');
  const source = SOURCES[Math.floor(Math.random() * SOURCES.length)];
  const account = String(Math.floor(Math.random() * 1_000_000)).padStart(7, '0');
  const plan: [string, string[]][] =
    size === 7
      ? [
          ['ingress', ['received', 'success']],
          ['puptoo', ['received', 'processing', 'success']],
          ['inventory', ['received', 'success']],
        ]
      : SERVICES.map((service) => [service, ['received', 'processing', 'success']]);
  let index = 0;
  return plan.flatMap(([service, statuses]) =>
    statuses.map((status) => {
      index += 1;
      const late = service === 'inventory' && status === 'success';
      return Buffer.from(
        JSON.stringify({
          service,
          source: service === 'ingress' ? undefined : source,
          request_id: requestId,
          status,
          date: isoAt(baseMs + index * 173, index * 7),
          account,
          org_id: account.slice(1),
          inventory_id: late ? randomUUID() : undefined,
          system_id: late ? randomUUID() : undefined,
          status_msg:
            statusMsg?.(index) ?? (status === 'success' ? `${service} finished` : undefined),
        }),
      );
    }),
  );
}

export function generate(count: number, spreadMs = 2 * 86_400_000): Buffer[] {
  const values: Buffer[] = [];
  const now = Date.now();
  for (let upload = 0; values.length < count; upload += 1) {
    // Three short lifecycles for one long one; dates spread over the last `spreadMs` (two days).
    const size = upload % 4 === 3 ? 21 : 7;
    values.push(...lifecycle(size, now - Math.floor(Math.random() * spreadMs)));
  }
  return values;
}
