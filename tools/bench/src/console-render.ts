/**
 * Console benchmark: first render of the upload page, in Chromium, against the BUILT api
 * (console included) over a seeded database.
 *
 *   npx nx run api:build
 *   DATABASE_URL=... npx tsx --tsconfig tsconfig.base.json tools/bench/src/console-render.ts \
 *     [--pages 30]
 *
 * Each sample loads `/console/uploads/<a random request id>` in the same browser and records,
 * on the page's own clock, when the timeline enters the DOM (0 = navigation start). Prints one
 * JSON line: the first load (cold browser) and the p50 / p99 / max of the others.
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import chromium from '@sparticuz/chromium';
import { Pool } from 'pg';
import { chromium as playwright } from 'playwright-core';

import { ApiProcess } from './api-process';
import { percentile } from './statistics';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Records on `window.timelineAt` when the timeline enters the DOM (page clock, ms). */
const RECORD_TIMELINE_SCRIPT = `
  new MutationObserver((records, observer) => {
    if (document.querySelector('[data-testid="timeline"]') !== null) {
      window.timelineAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });`;

async function sampleRequestIds(databaseUrl: string, count: number): Promise<string[]> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const { rows } = await pool.query<{ request_id: string }>(
      'SELECT request_id FROM payloads TABLESAMPLE SYSTEM (1) LIMIT $1',
      [count],
    );
    return rows.map((row) => row.request_id);
  } finally {
    await pool.end();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { pages: { type: 'string', default: '30' } } });
  const databaseUrl = process.env['DATABASE_URL'];
  if (!databaseUrl) {
    throw new Error('DATABASE_URL must point to the seeded database');
  }
  const requestIds = await sampleRequestIds(databaseUrl, Number(values.pages) + 1);
  const api = await ApiProcess.start({
    databaseUrl,
    logFile: join(tmpdir(), `console-render-${process.pid.toString()}.log`),
  });
  const hasSystemChromium = existsSync(SYSTEM_CHROMIUM);
  const browser = await playwright.launch({
    executablePath: hasSystemChromium ? SYSTEM_CHROMIUM : await chromium.executablePath(),
    args: hasSystemChromium ? [] : chromium.args.filter((arg) => arg !== '--single-process'),
    headless: true,
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // Runs in the page (this project has no DOM types, so as text).
    await page.addInitScript({ content: RECORD_TIMELINE_SCRIPT });
    const samples: number[] = [];
    for (const requestId of requestIds) {
      await page.goto(`${api.baseUrl}/console/uploads/${requestId}`);
      await page.getByTestId('timeline').waitFor({ timeout: 20_000 });
      samples.push(Number(await page.evaluate('window.timelineAt')));
    }
    const [first = Number.NaN, ...rest] = samples;
    const sorted = [...rest].sort((a, b) => a - b);
    const round = (value: number): number => Math.round(value);
    console.log(
      JSON.stringify({
        pages: samples.length,
        first_load_ms: round(first),
        p50_ms: round(percentile(sorted, 0.5)),
        p99_ms: round(percentile(sorted, 0.99)),
        max_ms: round(sorted.at(-1) ?? Number.NaN),
      }),
    );
  } finally {
    await browser.close();
    await api.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
