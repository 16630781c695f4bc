import { rewriteAliasedUrl, routerPath } from './api-routes';

describe('rewriteAliasedUrl', () => {
  it.each([
    ['/app/payload-tracker/api/v1/payloads?page=1', '/api/v1/payloads?page=1'],
    ['/app/payload-tracker/api/v1', '/api/v1'],
    ['/app/payload-tracker/api/v1?x=1', '/api/v1?x=1'],
    ['/api/v1/statuses', '/api/v1/statuses'],
    ['/app/payload-tracker/api/v10/payloads', '/app/payload-tracker/api/v10/payloads'],
    ['/health', '/health'],
    ['/app/payload-tracker/console/', '/console/'],
    ['/app/payload-tracker/console', '/console'],
    ['/app/payload-tracker/console/uploads?state=failed', '/console/uploads?state=failed'],
    ['/app/payload-tracker/consoles', '/app/payload-tracker/consoles'],
    ['/app/payload-tracker/', '/app/payload-tracker/'],
  ])('maps %s to %s', (url, expected) => {
    expect(rewriteAliasedUrl(url)).toBe(expected);
  });
});

describe('routerPath', () => {
  it.each([
    ['/payloads', '/payloads'],
    ['/payloads/{request_id}', '/payloads/:request_id'],
    ['/payloads/{request_id}/kibanaLink', '/payloads/:request_id/kibanaLink'],
    ['/a/{b}/c/{d_e}', '/a/:b/c/:d_e'],
  ])('writes %s as %s', (route, expected) => {
    expect(routerPath(route)).toBe(expected);
  });
});
