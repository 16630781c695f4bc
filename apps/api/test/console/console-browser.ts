import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import chromium from '@sparticuz/chromium';
import { workspaceRoot } from '@payload-tracker/local-stack';
import type { EnvironmentOverrides } from '@payload-tracker/platform';
import { chromium as playwright } from 'playwright-core';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

import { startApiTestApp } from '../support/api-test-app';
import { builtConsoleDirectory } from '../support/console-build';

/** A system Chromium, used when the machine has one. */
const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Screenshots of the console's pages, committed and shown in the README. */
export const SCREENSHOT_DIRECTORY = join(workspaceRoot(), 'docs', 'screenshots');

/** Desktop and phone widths the console must work at. */
export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 390, height: 844 } as const;

/**
 * How long a locator waits for what the page should show: generous for a loaded 2-core machine,
 * bounded well under jest's per-test timeout so a hang names the element it waited for.
 */
export const UI_TIMEOUT_MS = 20_000;

/** Headless Chromium: the system one when present, else the one inside `@sparticuz/chromium`. */
export async function launchChromium(): Promise<Browser> {
  const hasSystemChromium = existsSync(SYSTEM_CHROMIUM);
  return playwright.launch({
    executablePath: hasSystemChromium ? SYSTEM_CHROMIUM : await chromium.executablePath(),
    // Made for one-shot serverless runs, `--single-process` ends the browser with its first
    // closed context; the tests open one context per test.
    args: hasSystemChromium ? [] : chromium.args.filter((arg) => arg !== '--single-process'),
    headless: true,
  });
}

/** The real api, listening on a free local port, with the built console. */
export interface ConsoleServer {
  readonly app: NestFastifyApplication;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
}

/** Starts the api (console included) over `databaseUrl`, on a free port of 127.0.0.1. */
export async function startConsoleServer(
  databaseUrl: string,
  overrides: EnvironmentOverrides = {},
): Promise<ConsoleServer> {
  const app = await startApiTestApp({
    DATABASE_URL: databaseUrl,
    CONSOLE_DIR: builtConsoleDirectory(),
    ...overrides,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  if (address === null || typeof address === 'string') {
    throw new Error('the api has no TCP address');
  }
  return { app, origin: `http://127.0.0.1:${address.port.toString()}` };
}

/** A fresh browser context and page at `viewport`, failing loudly on page errors. */
export async function openPage(
  browser: Browser,
  viewport: { width: number; height: number } = DESKTOP,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport, reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.setDefaultTimeout(UI_TIMEOUT_MS);
  page.setDefaultNavigationTimeout(UI_TIMEOUT_MS);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // CSP violations and script errors land here. Optional endpoints answering an error (Kibana
    // not configured, no archive role, no events stream) are not errors of the page.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      errors.push(message.text());
    }
  });
  return { context, page, errors };
}

/** Writes a 1280x800 screenshot of the page's viewport to docs/screenshots/<name>.png. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIRECTORY, { recursive: true });
  await page.screenshot({
    path: join(SCREENSHOT_DIRECTORY, `${name}.png`),
    animations: 'disabled',
  });
}

/** Whether the page scrolls sideways (its content wider than the viewport). */
export function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(
    () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
  );
}

/** A short, unique description of the element that has focus (tag, id, text or label). */
function describeFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (element === null || element === document.body) return 'body';
    return element.getAttribute('data-focus-key') ?? '';
  });
}

/**
 * Tabs through the page from the top and answers which interactive elements focus never
 * reached: every visible link, button, form field, summary and focusable region is tagged
 * first, then Tab is pressed until focus comes back round (or after one press per element,
 * plus a margin).
 */
export async function unreachableByTab(page: Page): Promise<string[]> {
  const keys = await page.evaluate(() => {
    const selector =
      'a[href], button:not([disabled]), input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea, summary, [tabindex]:not([tabindex="-1"])';
    const visible = [...document.querySelectorAll<HTMLElement>(selector)].filter((element) => {
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      // The skip link is visible only when focused; it is the first stop anyway.
      const isSkipLink = element.classList.contains('skip-link');
      // checkVisibility: false inside a closed <details> too, whose content still has boxes.
      return (
        isSkipLink ||
        (element.checkVisibility() &&
          box.width > 0 &&
          box.height > 0 &&
          style.visibility !== 'hidden')
      );
    });
    return visible.map((element, index) => {
      const label = (element.getAttribute('aria-label') ?? element.textContent ?? '')
        .trim()
        .slice(0, 40);
      const key = `${index.toString()}:${element.tagName.toLowerCase()}:${label}`;
      element.setAttribute('data-focus-key', key);
      return key;
    });
  });
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  const reached = new Set<string>();
  for (let press = 0; press < keys.length + 5; press += 1) {
    await page.keyboard.press('Tab');
    const focused = await describeFocus(page);
    if (reached.has(focused) && focused !== '') break;
    reached.add(focused);
  }
  return keys.filter((key) => !reached.has(key));
}

/** Whether the element with focus shows a visible focus indicator (an outline or a box shadow). */
export function hasVisibleFocus(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (element === null || element === document.body) return false;
    const style = getComputedStyle(element);
    return (
      (style.outlineStyle !== 'none' && style.outlineWidth !== '0px') || style.boxShadow !== 'none'
    );
  });
}

/**
 * Visible text whose colour against its background is below WCAG AA: 4.5:1, or 3:1 for large
 * text (24 px, or 18.66 px bold). The background is the first opaque one up the tree (white at
 * the root); each entry names the text, both colours and the ratio.
 */
export function contrastFailures(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const parse = (color: string): [number, number, number, number] => {
      const parts = color.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0];
      return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
    };
    const luminance = ([r, g, b]: [number, number, number, number]): number => {
      const channel = (value: number): number => {
        const c = value / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const backgroundOf = (element: Element | null): [number, number, number, number] => {
      for (let node = element; node !== null; node = node.parentElement) {
        const background = parse(getComputedStyle(node).backgroundColor);
        if (background[3] > 0.5) return background;
      }
      return [255, 255, 255, 1];
    };
    const failures: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text !== null; text = walker.nextNode()) {
      const content = text.textContent?.trim() ?? '';
      const element = text.parentElement;
      if (content === '' || element === null) continue;
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      if (style.visibility === 'hidden' || box.width === 0 || box.height === 0) continue;
      const foreground = parse(style.color);
      const background = backgroundOf(element);
      const [lighter, darker] = [luminance(foreground), luminance(background)].sort(
        (a, b) => b - a,
      );
      const ratio = ((lighter ?? 0) + 0.05) / ((darker ?? 0) + 0.05);
      const size = parseFloat(style.fontSize);
      const isLarge = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (isLarge ? 3 : 4.5)) {
        failures.push(
          `"${content.slice(0, 40)}": ${style.color} on ${getComputedStyle(element).backgroundColor === 'rgba(0, 0, 0, 0)' ? 'inherited ' : ''}rgb(${background.slice(0, 3).join(', ')}) = ${ratio.toFixed(2)}`,
        );
      }
    }
    return failures;
  });
}

/**
 * Opens the upload page of `requestId` and waits until it shows its statuses and its live
 * stream is open and settled (the page reloads the statuses once when the stream opens, so a
 * row that appears after this can only have come through the stream). Returns the rows of the
 * status table and how many there were.
 */
export async function openLiveUploadPage(
  page: Page,
  origin: string,
  requestId: string,
): Promise<{ statusRows: Locator; shown: number }> {
  const before = (await (await fetch(`${origin}/api/v1/payloads/${requestId}`)).json()) as {
    data: unknown[];
  };
  const streamOpened = page.waitForResponse((response) =>
    response.url().includes(`/api/v1/payloads/${requestId}/events`),
  );
  await page.goto(`${origin}/console/uploads/${requestId}`);
  const statusRows = page.getByRole('region', { name: 'Statuses table' }).locator('tbody tr');
  await statusRows.nth(before.data.length - 1).waitFor();
  const stream = await streamOpened;
  if (stream.status() !== 200) {
    throw new Error(`the events stream answered ${stream.status().toString()}`);
  }
  await page.waitForTimeout(500);
  return { statusRows, shown: before.data.length };
}
