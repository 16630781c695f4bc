/**
 * API benchmark: single-client latency of every request shape, throughput of a realistic mix
 * under concurrency, and the same api's `/health/live` throughput as the framework's floor.
 *
 *   npx nx run api:build
 *   DATABASE_URL=... npx tsx --tsconfig tsconfig.base.json tools/bench/src/api-bench.ts \
 *     [--seed] [--runs 3] [--requests 300] [--connections 32] [--duration 20] [--mix-only]
 *     [--shapes 'request_id,state=failed'] [--no-mix]
 *     [--api-env NODE_OPTIONS=--max-old-space-size=384 ...]
 *
 * DATABASE_URL must hold the seeded 1M payloads / 10M statuses (`--seed` runs tools/seed
 * with `--truncate` first). Each run starts a fresh api process. Prints one JSON line per
 * run, then the medians over the runs. Where the CPU of the mix went is
 * reported per request for the api, PostgreSQL (when it runs on this machine) and the load
 * generator (autocannon runs in this process); `--mix-only` skips the single-client shapes.
 * `--shapes` measures only the single-client shapes whose name contains one of its
 * comma-separated parts, and `--no-mix` skips the mix and the baseline: for a quick
 * before/after of a few shapes.
 */
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import autocannon from 'autocannon';

import { workspaceRoot } from '@payload-tracker/local-stack';
import { ApiProcess } from './api-process';
import { p99BudgetMs, requestShapes, sampleValues } from './api-shapes';
import type { RequestShape } from './api-shapes';
import { parseEnvPairs } from './env-pairs';
import { localPostmasterPid, processTreeCpuSeconds } from './process-cpu';
import { median, percentile } from './statistics';

interface BenchOptions {
  /** Extra environment of the api process (`--api-env KEY=VALUE`, repeatable). */
  apiEnv: Record<string, string>;
  /** Skip the single-client shapes: only the mix and the baseline (for quick comparisons). */
  mixOnly: boolean;
  /** Skip the mix and the baseline: only the single-client shapes. */
  noMix: boolean;
  /** Measure only the single-client shapes whose name contains one of these. */
  shapeFilter: readonly string[];
  runs: number;
  requests: number;
  warmup: number;
  connections: number;
  duration: number;
}

interface ShapeLatency {
  shape: string;
  p50_ms: number;
  p99_ms: number;
  budget_ms: number;
}

interface RunResult {
  mix_requests_per_s: number;
  mix_p50_ms: number;
  mix_p99_ms: number;
  mix_non_2xx: number;
  /** Share of one core the api process used during the mix (a Node process has one main thread). */
  mix_api_cpu_percent: number;
  mix_api_cpu_ms_per_request: number;
  /** PostgreSQL's CPU (postmaster and backends) per mix request; NaN for a remote database. */
  mix_db_cpu_ms_per_request: number;
  /** The load generator's CPU (autocannon runs in this process) per mix request. */
  mix_client_cpu_ms_per_request: number;
  baseline_requests_per_s: number;
  baseline_api_cpu_ms_per_request: number;
  mix_to_baseline: number;
  peak_rss_mb: number;
  shapes: ShapeLatency[];
}

const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

async function timeRequest(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  const elapsed = performance.now() - started;
  if (response.status !== 200) {
    throw new Error(`${url} answered ${response.status.toString()}`);
  }
  return elapsed;
}

async function measureLatency(
  api: ApiProcess,
  shape: RequestShape,
  options: BenchOptions,
): Promise<ShapeLatency> {
  // The warm-up also lets PostgreSQL settle on the plan it keeps for the prepared statement.
  for (let i = 0; i < options.warmup; i++) {
    await timeRequest(api.baseUrl + shape.path());
  }
  const samples: number[] = [];
  for (let i = 0; i < options.requests; i++) {
    samples.push(await timeRequest(api.baseUrl + shape.path()));
  }
  samples.sort((a, b) => a - b);
  return {
    shape: shape.name,
    p50_ms: round(percentile(samples, 0.5)),
    p99_ms: round(percentile(samples, 0.99)),
    budget_ms: p99BudgetMs(shape.group),
  };
}

function load(
  api: ApiProcess,
  options: BenchOptions,
  nextPath: () => string,
): Promise<autocannon.Result> {
  return autocannon({
    url: api.baseUrl,
    connections: options.connections,
    duration: options.duration,
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => ({ ...request, path: nextPath() }),
      },
    ],
  });
}

/** 50 % one payload by id, 25 % payload lists, 25 % status lists, each shape with random values. */
function mixPicker(shapes: readonly RequestShape[]): () => string {
  const byGroup = (group: RequestShape['group']): RequestShape[] =>
    shapes.filter((shape) => shape.group === group);
  const [one] = byGroup('payload');
  const payloadLists = byGroup('payloads');
  const statusLists = byGroup('statuses');
  if (one === undefined) {
    throw new Error('no payload-by-id shape');
  }
  const anyOf = (list: readonly RequestShape[]): string =>
    (list[Math.floor(Math.random() * list.length)] ?? one).path();
  return () => {
    const roll = Math.random();
    if (roll < 0.5) {
      return one.path();
    }
    return anyOf(roll < 0.75 ? payloadLists : statusLists);
  };
}

/** CPU seconds of this process (the load generator), user + system. */
function ownCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** The mix and baseline fields of a run that skipped them. */
const NO_MIX: Omit<RunResult, 'peak_rss_mb' | 'shapes'> = {
  mix_requests_per_s: Number.NaN,
  mix_p50_ms: Number.NaN,
  mix_p99_ms: Number.NaN,
  mix_non_2xx: Number.NaN,
  mix_api_cpu_percent: Number.NaN,
  mix_api_cpu_ms_per_request: Number.NaN,
  mix_db_cpu_ms_per_request: Number.NaN,
  mix_client_cpu_ms_per_request: Number.NaN,
  baseline_requests_per_s: Number.NaN,
  baseline_api_cpu_ms_per_request: Number.NaN,
  mix_to_baseline: Number.NaN,
};

async function runOnce(
  databaseUrl: string,
  shapes: readonly RequestShape[],
  options: BenchOptions,
  logFile: string,
): Promise<RunResult> {
  const api = await ApiProcess.start({ databaseUrl, logFile, extraEnv: options.apiEnv });
  const postmasterPid = await localPostmasterPid(databaseUrl);
  const databaseCpuSeconds = (): number =>
    postmasterPid === undefined ? Number.NaN : processTreeCpuSeconds(postmasterPid);
  try {
    const latencies: ShapeLatency[] = [];
    if (!options.mixOnly) {
      const measured = shapes.filter(
        (shape) =>
          options.shapeFilter.length === 0 ||
          options.shapeFilter.some((part) => shape.name.includes(part)),
      );
      for (const shape of measured) {
        latencies.push(await measureLatency(api, shape, options));
        process.stderr.write('.');
      }
      process.stderr.write('\n');
    }
    if (options.noMix) {
      return { ...NO_MIX, peak_rss_mb: api.peakRssMb(), shapes: latencies };
    }
    const mixCpuStart = api.cpuSeconds();
    const mixDbCpuStart = databaseCpuSeconds();
    const mixClientCpuStart = ownCpuSeconds();
    const mix = await load(api, options, mixPicker(shapes));
    const mixCpu = api.cpuSeconds() - mixCpuStart;
    const mixDbCpu = databaseCpuSeconds() - mixDbCpuStart;
    const mixClientCpu = ownCpuSeconds() - mixClientCpuStart;
    const baselineCpuStart = api.cpuSeconds();
    const baseline = await load(api, options, () => '/health/live');
    const baselineCpu = api.cpuSeconds() - baselineCpuStart;
    if (mix.errors > 0 || mix.timeouts > 0) {
      throw new Error(`mix: ${mix.errors.toString()} errors, ${mix.timeouts.toString()} timeouts`);
    }
    return {
      mix_requests_per_s: Math.round(mix.requests.average),
      mix_p50_ms: mix.latency.p50,
      mix_p99_ms: mix.latency.p99,
      mix_non_2xx: mix.non2xx,
      mix_api_cpu_percent: Math.round((100 * mixCpu) / mix.duration),
      mix_api_cpu_ms_per_request: round((1000 * mixCpu) / mix.requests.total, 3),
      mix_db_cpu_ms_per_request: round((1000 * mixDbCpu) / mix.requests.total, 3),
      mix_client_cpu_ms_per_request: round((1000 * mixClientCpu) / mix.requests.total, 3),
      baseline_requests_per_s: Math.round(baseline.requests.average),
      baseline_api_cpu_ms_per_request: round((1000 * baselineCpu) / baseline.requests.total, 3),
      mix_to_baseline: round(mix.requests.average / baseline.requests.average),
      peak_rss_mb: api.peakRssMb(),
      shapes: latencies,
    };
  } finally {
    await api.stop();
  }
}

function medians(runs: readonly RunResult[]): RunResult {
  const of = (pickValue: (run: RunResult) => number): number => median(runs.map(pickValue));
  const first = runs[0];
  if (first === undefined) {
    throw new Error('no runs');
  }
  return {
    mix_requests_per_s: of((run) => run.mix_requests_per_s),
    mix_p50_ms: of((run) => run.mix_p50_ms),
    mix_p99_ms: of((run) => run.mix_p99_ms),
    mix_non_2xx: of((run) => run.mix_non_2xx),
    mix_api_cpu_percent: of((run) => run.mix_api_cpu_percent),
    mix_api_cpu_ms_per_request: of((run) => run.mix_api_cpu_ms_per_request),
    mix_db_cpu_ms_per_request: of((run) => run.mix_db_cpu_ms_per_request),
    mix_client_cpu_ms_per_request: of((run) => run.mix_client_cpu_ms_per_request),
    baseline_requests_per_s: of((run) => run.baseline_requests_per_s),
    baseline_api_cpu_ms_per_request: of((run) => run.baseline_api_cpu_ms_per_request),
    mix_to_baseline: of((run) => run.mix_to_baseline),
    peak_rss_mb: of((run) => run.peak_rss_mb),
    shapes: first.shapes.map((shape, index) => ({
      shape: shape.shape,
      p50_ms: of((run) => run.shapes[index]?.p50_ms ?? Number.NaN),
      p99_ms: of((run) => run.shapes[index]?.p99_ms ?? Number.NaN),
      budget_ms: shape.budget_ms,
    })),
  };
}

function seed(databaseUrl: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        join(workspaceRoot(), 'node_modules/tsx/dist/cli.mjs'),
        '--tsconfig',
        'tsconfig.base.json',
        'tools/seed/src/main.ts',
        '--truncate',
      ],
      {
        cwd: workspaceRoot(),
        env: { ...process.env, DATABASE_URL: databaseUrl },
        stdio: ['ignore', 2, 2],
      },
    );
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) {
        resolve();
      } else {
        reject(new Error(`seed exited with ${String(code)}`));
      }
    });
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seed: { type: 'boolean', default: false },
      'mix-only': { type: 'boolean', default: false },
      'no-mix': { type: 'boolean', default: false },
      shapes: { type: 'string', default: '' },
      'api-env': { type: 'string', multiple: true, default: [] },
      runs: { type: 'string', default: '3' },
      requests: { type: 'string', default: '300' },
      warmup: { type: 'string', default: '20' },
      connections: { type: 'string', default: '32' },
      duration: { type: 'string', default: '20' },
    },
  });
  const databaseUrl = process.env['DATABASE_URL'];
  if (!databaseUrl) {
    throw new Error('DATABASE_URL must point to the seeded database');
  }
  const options: BenchOptions = {
    apiEnv: parseEnvPairs(values['api-env']),
    mixOnly: values['mix-only'],
    noMix: values['no-mix'],
    shapeFilter: values.shapes.split(',').filter((part) => part !== ''),
    runs: Number(values.runs),
    requests: Number(values.requests),
    warmup: Number(values.warmup),
    connections: Number(values.connections),
    duration: Number(values.duration),
  };
  if (values.seed) {
    await seed(databaseUrl);
  }
  const shapes = requestShapes(await sampleValues(databaseUrl));
  const logFile = join(tmpdir(), `api-bench-${process.pid.toString()}.log`);
  process.stderr.write(`api logs: ${logFile}\n`);
  const runs: RunResult[] = [];
  for (let run = 1; run <= options.runs; run++) {
    const result = await runOnce(databaseUrl, shapes, options, logFile);
    runs.push(result);
    console.log(JSON.stringify({ run, options, ...result }));
  }
  if (runs.length > 1) {
    console.log(JSON.stringify({ medians_of_runs: runs.length, options, ...medians(runs) }));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
