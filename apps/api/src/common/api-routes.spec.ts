import { rewriteAliasedUrl } from './api-routes';

describe('rewriteAliasedUrl', () => {
  it.each([
    ['/app/payload-tracker/api/v1/payloads?page=1', '/api/v1/payloads?page=1'],
    ['/app/payload-tracker/api/v1', '/api/v1'],
    ['/app/payload-tracker/api/v1?x=1', '/api/v1?x=1'],
    ['/api/v1/statuses', '/api/v1/statuses'],
    ['/app/payload-tracker/api/v10/payloads', '/app/payload-tracker/api/v10/payloads'],
    ['/health', '/health'],
  ])('maps %s to %s', (url, expected) => {
    expect(rewriteAliasedUrl(url)).toBe(expected);
  });
});
