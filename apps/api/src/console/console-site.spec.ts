import { consolePrefixOf, isAssetPath } from './console-site';

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
