import 'reflect-metadata';
import { Client } from 'pg';
import type { ClientBase } from 'pg';
import { DataSource } from 'typeorm';

import { DatabasePool, GoEditionAdoption, buildDataSourceOptions } from '@payload-tracker/entities';
import { createGoEditionSchema } from '@payload-tracker/entities/testing';
import { createDatabase, dropDatabase, withDatabase } from '@payload-tracker/local-stack';
import {
  DatabaseEnvironmentVariables,
  validateEnvironmentVariables,
} from '@payload-tracker/platform';

import { startBenchStack } from './bench-stack';

/*
 * How long `migrate adopt` takes on a Go-shaped database of N payloads and 10N statuses, and
 * the longest ACCESS EXCLUSIVE lock it holds (sampled every 20 ms from a side connection).
 *
 *   npx nx run bench:bench-adopt -- --payloads 1000000 --statuses-per-payload 10 --days 7
 *
 * Against DATABASE_URL when set (its user must be able to create databases), else a local
 * stack started for the run. The bench database is dropped at the end.
 */

const APPLICATION_NAME = 'payload-tracker-adopt-bench';

interface BenchOptions {
  payloads: number;
  statusesPerPayload: number;
  days: number;
  duplicateEvery: number;
}

function readOptions(args: readonly string[]): BenchOptions {
  const value = (flag: string, fallback: number): number => {
    const index = args.indexOf(flag);
    const raw = index >= 0 ? args[index + 1] : undefined;
    const parsed = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(parsed) || parsed <= 0) {
      throw new Error(`${flag} takes a positive integer`);
    }
    return parsed;
  };
  return {
    payloads: value('--payloads', 1_000_000),
    statusesPerPayload: value('--statuses-per-payload', 10),
    days: value('--days', 7),
    duplicateEvery: value('--duplicate-every', 1_000),
  };
}

function utcDays(count: number): string[] {
  const today = new Date();
  today.setUTCHours(0, 0, 0, 0);
  return Array.from({ length: count + 1 }, (_, index) => {
    const day = new Date(today.getTime() - (count - index) * 86_400_000);
    return day.toISOString().slice(0, 10);
  });
}

/* Set-based: every row from generate_series, dates spread over the days, 1 in duplicateEvery stored twice. */
async function load(client: ClientBase, options: BenchOptions, firstDay: string): Promise<void> {
  await client.query(
    `INSERT INTO services (name) SELECT unnest(ARRAY['ingress','puptoo','inventory','advisor','compliance','vulnerability'])`,
  );
  await client.query(
    `INSERT INTO statuses (name) SELECT unnest(ARRAY['received','processing','success','error','processing_success'])`,
  );
  await client.query(
    `INSERT INTO sources (name) SELECT unnest(ARRAY['insights-client','inventory'])`,
  );
  await client.query(
    `INSERT INTO payloads (request_id, account, org_id, inventory_id, system_id, created_at)
     SELECT md5(g::text), (g % 10000)::text, (g % 10000)::text, md5('i' || g), md5('s' || g),
            $2::timestamptz + (g::double precision / $1) * ($3 * interval '1 day')
       FROM generate_series(1, $1::integer) AS g`,
    [options.payloads, `${firstDay} 00:00:00+00`, options.days],
  );
  await client.query(
    `INSERT INTO payload_statuses (payload_id, service_id, source_id, status_id, status_msg, date, created_at)
     SELECT p.id, 1 + k % 6, CASE WHEN k % 4 = 0 THEN 1 + k % 2 END, 1 + k % 5,
            CASE WHEN k % 5 = 3 THEN 'failed to process archive ' || k END,
            p.created_at + k * interval '2 seconds', p.created_at + k * interval '2 seconds' + interval '1 second'
       FROM payloads p, generate_series(0, $1::integer - 1) AS k`,
    [options.statusesPerPayload],
  );
  await client.query(
    `INSERT INTO payload_statuses (payload_id, service_id, source_id, status_id, status_msg, date, created_at)
     SELECT payload_id, service_id, source_id, status_id, status_msg, date, created_at + interval '5 seconds'
       FROM payload_statuses WHERE id % $1 = 0`,
    [options.duplicateEvery],
  );
}

interface LockSample {
  millis: number;
  relation: string;
  query: string;
}

/** Samples pg_locks for ACCESS EXCLUSIVE relation locks held by the adoption's sessions. */
function sampleLocks(url: string): { stop: () => Promise<LockSample | null> } {
  const client = new Client({
    connectionString: url,
    application_name: `${APPLICATION_NAME}-locks`,
  });
  let longest: LockSample | null = null;
  let isRunning = true;
  const loop = (async () => {
    await client.connect();
    while (isRunning) {
      const { rows } = await client.query<{ millis: string; relation: string; query: string }>(
        `SELECT (extract(epoch FROM clock_timestamp() - coalesce(a.xact_start, a.query_start)) * 1000)::bigint::text AS millis,
                l.relation::regclass::text AS relation, left(a.query, 120) AS query
           FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
          WHERE l.locktype = 'relation' AND l.mode = 'AccessExclusiveLock' AND l.granted
            AND a.application_name = $1 AND a.datname = current_database()`,
        [APPLICATION_NAME],
      );
      for (const row of rows) {
        const millis = Number(row.millis);
        if (longest === null || millis > longest.millis) {
          longest = { millis, relation: row.relation, query: row.query.replace(/\s+/g, ' ') };
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await client.end();
  })();
  return {
    stop: async () => {
      isRunning = false;
      await loop;
      return longest;
    },
  };
}

const seconds = (millis: number): string => (millis / 1000).toFixed(1).padStart(8);

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const stack = await startBenchStack();
  const name = `pt_adopt_bench_${Date.now().toString(36)}`;
  await createDatabase(stack.databaseUrl, name);
  const url = withDatabase(stack.databaseUrl, name);
  try {
    const days = utcDays(options.days);
    const builder = new Client({ connectionString: url, options: '-c TimeZone=UTC' });
    await builder.connect();
    const buildStarted = Date.now();
    try {
      await createGoEditionSchema(builder, {
        days,
        load: (client) => load(client, options, days[0] ?? ''),
      });
      await builder.query('VACUUM ANALYZE');
      const { rows } = await builder.query<{ payloads: string; statuses: string }>(
        `SELECT (SELECT count(*) FROM payloads)::text AS payloads, (SELECT count(*) FROM payload_statuses)::text AS statuses`,
      );
      process.stdout.write(
        `Go-shaped database: ${rows[0]?.payloads ?? '?'} payloads, ${rows[0]?.statuses ?? '?'} statuses over ${days.length.toString()} daily partitions, built in ${seconds(Date.now() - buildStarted).trim()} s\n`,
      );
    } finally {
      await builder.end();
    }

    const settings = validateEnvironmentVariables(DatabaseEnvironmentVariables, {
      DATABASE_URL: url,
    });
    const dataSource = await new DataSource(
      buildDataSourceOptions(settings, { applicationName: APPLICATION_NAME, poolSize: 2 }),
    ).initialize();
    const pool = DatabasePool.fromSettings(settings, {
      applicationName: APPLICATION_NAME,
      poolSize: 3,
    });
    const sampler = sampleLocks(url);
    const started = Date.now();
    try {
      const report = await new GoEditionAdoption(dataSource, pool).apply({
        onStep: (event) => {
          if (event.phase === 'end') {
            process.stdout.write(
              `  ${event.step.padEnd(22)} ${seconds(event.millis ?? 0)} s  ${String(event.rows ?? 0).padStart(10)} rows\n`,
            );
          }
        },
      });
      const total = Date.now() - started;
      const longest = await sampler.stop();
      process.stdout.write(`adopt total             ${seconds(total)} s\n`);
      process.stdout.write(
        `duplicates removed      ${String(report.duplicates?.extraRows ?? 0).padStart(10)} rows on ${String(report.duplicates?.payloads ?? 0)} payloads\n`,
      );
      process.stdout.write(
        longest === null
          ? 'longest ACCESS EXCLUSIVE lock: none seen (sampled every 20 ms)\n'
          : `longest ACCESS EXCLUSIVE lock: ${longest.millis.toString()} ms on ${longest.relation} (${longest.query})\n`,
      );
    } finally {
      await sampler.stop();
      await pool.close();
      await dataSource.destroy();
    }
  } finally {
    await dropDatabase(stack.databaseUrl, name);
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
