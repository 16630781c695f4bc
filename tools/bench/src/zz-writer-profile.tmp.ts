import { Pool } from 'pg';
import { StatusBatchWriter, installPgTypeParsers } from '@payload-tracker/entities';
import { createDatabase, migrateDatabase, withDatabase, dropDatabase } from '@payload-tracker/local-stack';
import { parseStatusMessage } from '@payload-tracker/status-lifecycle';
import type { StatusMessage } from '@payload-tracker/status-lifecycle';
import { randomUUID } from 'node:crypto';

const admin = 'postgres://postgres:postgres@127.0.0.1:33245/postgres';
function gen(n: number): StatusMessage[] {
  const out: StatusMessage[] = [];
  const now = Date.now();
  while (out.length < n) {
    const rid = randomUUID().replaceAll('-', '');
    const base = now - Math.floor(Math.random() * 2 * 86400000);
    let i = 0;
    for (const [svc, sts] of [['ingress', ['received', 'success']], ['puptoo', ['received', 'processing', 'success']], ['inventory', ['received', 'success']]] as const) {
      for (const st of sts) {
        i++;
        const r = parseStatusMessage(Buffer.from(JSON.stringify({ service: svc, source: svc === 'ingress' ? undefined : 'insights-client', request_id: rid, status: st, date: new Date(base + i * 173).toISOString(), account: '0001' })), { requestIdLength: 32 });
        if (r.ok) out.push(r.message);
      }
    }
  }
  return out;
}
(async () => {
  installPgTypeParsers();
  const name = `prof_${Date.now()}`;
  await createDatabase(admin, name);
  const url = withDatabase(admin, name);
  await migrateDatabase(url);
  const pool = new Pool({ connectionString: url, max: 10, options: '-c TimeZone=UTC' });
  const origQuery = pool.query.bind(pool);
  const timings = new Map<string, number>();
  const wrapClient = (c: any) => { if (c.__wrapped) return c; const q = c.query.bind(c); c.query = async (...args: any[]) => { const t = process.hrtime.bigint(); try { return await q(...args); } finally { const k = String(args[0]).trim().slice(0, 30); timings.set(k, (timings.get(k) ?? 0) + Number(process.hrtime.bigint() - t) / 1e6); } }; c.__wrapped = true; return c; };
  const origConnect = pool.connect.bind(pool);
  (pool as any).connect = async () => wrapClient(await origConnect());
  const w = new StatusBatchWriter(pool);
  const msgs = gen(100000);
  const bs = Number(process.argv[2] ?? 2000);
  const t0 = Date.now();
  let next = 0;
  await Promise.all([0, 1, 2].map(async () => { while (next < msgs.length) { const b = msgs.slice(next, next + bs); next += bs; await w.write(b); } }));
  const s = (Date.now() - t0) / 1000;
  console.log({ msgs: msgs.length, s, rate: Math.round(msgs.length / s) });
  console.log([...timings.entries()].map(([k, v]) => `${k.padEnd(32)} ${Math.round(v)} ms`).join('\n'));
  await pool.end();
  await dropDatabase(admin, name);
})();
