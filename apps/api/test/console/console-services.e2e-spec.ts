import type { TestDatabase } from '@payload-tracker/local-stack';
import { createTestDatabase } from '@payload-tracker/local-stack';
import type { Browser, Page } from 'playwright-core';

import { CONSOLE_UPLOADS, writeConsoleFixtures } from '../support/console-fixtures';
import {
  DESKTOP,
  PHONE,
  launchChromium,
  openPage,
  saveScreenshot,
  scrollsSideways,
  startConsoleServer,
} from './console-browser';
import type { ConsoleServer } from './console-browser';

/** The cells of each body row of the services table, the service name first. */
async function serviceRows(page: Page): Promise<string[][]> {
  const rows = page.getByRole('region', { name: 'Services table' }).locator('tbody tr');
  await rows.first().waitFor();
  return rows.evaluateAll((elements) =>
    elements.map((row) => [...row.children].map((cell) => (cell.textContent ?? '').trim())),
  );
}

describe('the console: the services page (Chromium)', () => {
  let database: TestDatabase;
  let server: ConsoleServer;
  let browser: Browser;

  beforeAll(async () => {
    database = await createTestDatabase();
    await writeConsoleFixtures(database.url, BigInt(Date.now()) * 1000n);
    server = await startConsoleServer(database.url);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.app.close();
    await database?.drop();
  });

  it('lists the services of the last hour with their success rates, failures and durations', async () => {
    const { context, page, errors } = await openPage(browser, DESKTOP);
    try {
      await page.goto(`${server.origin}/console/services`);
      const rows = await serviceRows(page);
      const byName = new Map(rows.map((cells) => [cells[0], cells]));
      expect([...byName.keys()].sort()).toEqual(['ingress', 'inventory', 'puptoo:client']);
      // Service, uploads, success rate, failed, stalled, in progress, p50, p95, p99, last failure.
      expect(byName.get('puptoo:client')?.slice(1, 6)).toEqual(['3', '50 %', '1', '0', '1']);
      expect(byName.get('ingress')?.slice(1, 4)).toEqual(['4', '100 %', '0']);
      expect(byName.get('puptoo:client')?.[9]).toContain(
        'error: the archive is not a valid tarball',
      );
      expect(byName.get('puptoo:client')?.[6]).toMatch(/^\d+(\.\d)? s$|min/);
      await saveScreenshot(page, 'services');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('links a service to its failed uploads', async () => {
    const { context, page } = await openPage(browser, DESKTOP);
    try {
      await page.goto(`${server.origin}/console/services`);
      await page.getByRole('link', { name: '1 failed uploads in puptoo' }).click();
      await page.waitForURL(/\/console\/uploads\?failed_service=puptoo&state=failed&window=1h$/);
      const rows = page.getByRole('region', { name: 'Uploads table' }).locator('tbody tr');
      await rows.first().getByRole('link', { name: CONSOLE_UPLOADS.failed }).waitFor();
      expect(await rows.count()).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('sorts by a column and reads a longer window', async () => {
    const { context, page } = await openPage(browser, DESKTOP);
    try {
      await page.goto(`${server.origin}/console/services`);
      await serviceRows(page);
      await page.getByRole('button', { name: /^Service/ }).click();
      await page.waitForURL(/sort=service&dir=asc/);
      expect((await serviceRows(page)).map((cells) => cells[0])).toEqual([
        'ingress',
        'inventory',
        'puptoo:client',
      ]);

      await page.getByRole('link', { name: '7 d' }).click();
      await page.waitForURL(/window=7d/);
      await page
        .getByRole('link', { name: '7 d' })
        .and(page.locator('[aria-current="page"]'))
        .waitFor();
      // The stalled upload started two hours ago: its inventory group shows in the longer window.
      await page
        .locator('tbody tr', { hasText: 'inventory' })
        .locator('td:nth-child(5)', { hasText: '1' })
        .waitFor();
    } finally {
      await context.close();
    }
  });

  it('fits a 390 px wide screen without scrolling sideways', async () => {
    const { context, page } = await openPage(browser, PHONE);
    try {
      await page.goto(`${server.origin}/console/services`);
      await serviceRows(page);
      expect(await scrollsSideways(page)).toBe(false);
    } finally {
      await context.close();
    }
  });
});
