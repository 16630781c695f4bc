import type { TestDatabase } from '@payload-tracker/local-stack';
import { createTestDatabase } from '@payload-tracker/local-stack';
import type { Browser, Locator, Page } from 'playwright-core';

import {
  CONSOLE_ACCOUNT,
  CONSOLE_UPLOADS,
  FAILURE,
  OTHER_ACCOUNT,
  writeConsoleFixtures,
} from '../support/console-fixtures';
import {
  DESKTOP,
  PHONE,
  hasVisibleFocus,
  launchChromium,
  openPage,
  saveScreenshot,
  scrollsSideways,
  startConsoleServer,
  unreachableByTab,
} from './console-browser';
import type { ConsoleServer } from './console-browser';

/** The count a state chip shows, once loaded. */
async function chipCount(page: Page, label: string): Promise<string> {
  const chip = page.getByRole('button', { name: new RegExp(`^✓? ?${label}`) });
  await chip.locator('.state-filter-count').filter({ hasNotText: '…' }).waitFor();
  return (await chip.locator('.state-filter-count').textContent()) ?? '';
}

function tableRows(page: Page): Locator {
  return page.getByRole('region', { name: 'Uploads table' }).locator('tbody tr');
}

describe('the console: the uploads list (Chromium)', () => {
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

  it('counts the uploads of the window per state and filters by state, the URL holding the view', async () => {
    const { context, page, errors } = await openPage(browser, DESKTOP);
    try {
      await page.goto(`${server.origin}/console/`);
      await tableRows(page).first().waitFor();
      expect(await chipCount(page, 'Failed')).toBe('1');
      expect(await chipCount(page, 'Stalled')).toBe('1');
      expect(await chipCount(page, 'In progress')).toBe('1');
      expect(await chipCount(page, 'Succeeded')).toBe('2');
      expect(await tableRows(page).count()).toBe(5);
      await saveScreenshot(page, 'uploads');

      await page.getByRole('button', { name: /^Failed/ }).click();
      await page.waitForURL(/[?&]state=failed(&|$)/);
      await page.getByRole('button', { name: /Failed/, pressed: true }).waitFor();
      await tableRows(page).nth(1).waitFor({ state: 'detached' });
      expect(await tableRows(page).count()).toBe(1);
      const row = tableRows(page).first();
      await row.getByText(FAILURE.message).waitFor();
      expect(await row.locator('.failure-cell strong').textContent()).toBe(FAILURE.service);
      expect(await row.getByRole('link').first().textContent()).toBe(CONSOLE_UPLOADS.failed);

      await page.reload();
      await page.getByRole('button', { name: /Failed/, pressed: true }).waitFor();
      await tableRows(page).first().getByText(FAILURE.message).waitFor();
      expect(await tableRows(page).count()).toBe(1);

      await page.goBack();
      await page.waitForURL(/\/console\/$/);
      await page.getByRole('button', { name: /^Failed/, pressed: false }).waitFor();
      await tableRows(page).nth(4).waitFor();
      expect(await tableRows(page).count()).toBe(5);

      await page.goForward();
      await page.getByRole('button', { name: /Failed/, pressed: true }).waitFor();
      await tableRows(page).nth(1).waitFor({ state: 'detached' });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('finds the uploads of an account from the search box', async () => {
    const { context, page } = await openPage(browser, DESKTOP);
    try {
      await page.goto(`${server.origin}/console/services`);
      await page.getByRole('searchbox', { name: /account/i }).fill(CONSOLE_ACCOUNT);
      await page.getByRole('searchbox', { name: /account/i }).press('Enter');
      await page.waitForURL(
        new RegExp(`/console/uploads\\?account=${CONSOLE_ACCOUNT}&window=all$`),
      );
      await page.getByText(`Account: ${CONSOLE_ACCOUNT}`).waitFor();
      await tableRows(page).nth(3).waitFor();
      expect(await tableRows(page).count()).toBe(4);
      const accounts = await tableRows(page).locator('td:nth-child(3)').allTextContents();
      expect(new Set(accounts)).toEqual(new Set([CONSOLE_ACCOUNT]));
    } finally {
      await context.close();
    }
  });

  it('sorts by a column header, the URL holding the sort', async () => {
    const { context, page } = await openPage(browser, DESKTOP);
    try {
      await page.goto(`${server.origin}/console/uploads`);
      await tableRows(page).nth(4).waitFor();
      await page.getByRole('button', { name: /^Account/ }).click();
      await page.waitForURL(/sort_by=account&sort_dir=asc/);
      await page
        .getByRole('columnheader', { name: /Account/ })
        .and(page.locator('[aria-sort="ascending"]'))
        .waitFor();
      await tableRows(page)
        .first()
        .locator('td:nth-child(3)', { hasText: OTHER_ACCOUNT })
        .waitFor();
    } finally {
      await context.close();
    }
  });

  it('reaches every control with the keyboard, with a visible focus', async () => {
    const { context, page } = await openPage(browser, DESKTOP);
    try {
      await page.goto(`${server.origin}/console/uploads`);
      await tableRows(page).nth(4).waitFor();
      await page
        .locator('.state-filter-count')
        .filter({ hasText: '…' })
        .first()
        .waitFor({ state: 'detached' });
      expect(await unreachableByTab(page)).toEqual([]);

      // From a fresh load, the first Tab reaches the skip link, then the header's controls.
      await page.reload();
      await tableRows(page).first().waitFor();
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
        'Skip to content',
      );
      for (let press = 0; press < 6; press += 1) {
        await page.keyboard.press('Tab');
        expect(await hasVisibleFocus(page)).toBe(true);
      }
    } finally {
      await context.close();
    }
  });

  it('fits a 390 px wide screen without scrolling sideways (the table scrolls in its own box)', async () => {
    const { context, page } = await openPage(browser, PHONE);
    try {
      await page.goto(`${server.origin}/console/uploads`);
      await tableRows(page).nth(4).waitFor();
      expect(await scrollsSideways(page)).toBe(false);
    } finally {
      await context.close();
    }
  });
});
