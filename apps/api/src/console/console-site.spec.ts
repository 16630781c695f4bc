import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { consolePrefixOf, isAssetPath, resolveConsoleDirectory } from './console-site';

describe('resolveConsoleDirectory', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'pt-console-dir-'));
    mkdirSync(join(root, 'api'));
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const build = (directory: string): void => {
    mkdirSync(directory, { recursive: true });
    writeFileSync(join(directory, 'index.html'), '<!doctype html>');
  };

  it('takes CONSOLE_DIR as it is', () => {
    expect(resolveConsoleDirectory('/somewhere', join(root, 'api'))).toBe('/somewhere');
  });

  it('finds the console beside the bundle first, as the image lays it out', () => {
    build(join(root, 'api', 'console'));
    build(join(root, 'console'));
    expect(resolveConsoleDirectory(undefined, join(root, 'api'))).toBe(
      join(root, 'api', 'console'),
    );
  });

  it('finds the console build beside the api build (dist/apps/console)', () => {
    build(join(root, 'console'));
    expect(resolveConsoleDirectory(undefined, join(root, 'api'))).toBe(
      join(root, 'api', '..', 'console'),
    );
  });

  it('names the place beside the bundle when there is no build anywhere', () => {
    const bundle = join(root, 'api');
    const found = resolveConsoleDirectory(undefined, bundle);
    expect([join(bundle, 'console'), join(process.cwd(), 'dist', 'apps', 'console')]).toContain(
      found,
    );
  });
});

describe('consolePrefixOf', () => {
  it.each([
    ['/console/uploads', '/console'],
    ['/console', '/console'],
    ['/app/payload-tracker/console/uploads?state=failed', '/app/payload-tracker/console'],
    ['/app/payload-tracker/console', '/app/payload-tracker/console'],
    ['/app/payload-tracker/console?x=1', '/app/payload-tracker/console'],
    ['/app/payload-tracker/consoles', '/console'],
  ])('serves %s under %s', (url, expected) => {
    expect(consolePrefixOf(url)).toBe(expected);
  });
});

describe('isAssetPath', () => {
  it.each([
    ['main.js', true],
    ['favicon.ico', true],
    ['', false],
    ['uploads', false],
    ['uploads/abc.def', false],
    ['services', false],
  ])('takes %p for a file: %p', (path, expected) => {
    expect(isAssetPath(path)).toBe(expected);
  });
});
