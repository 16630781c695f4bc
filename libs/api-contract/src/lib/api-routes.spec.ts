import { ALIAS_API_PREFIX, API_PREFIX, API_ROUTES, apiPath } from './api-routes';

describe('apiPath', () => {
  it.each([
    [apiPath(API_ROUTES.listPayloads), '/api/v1/payloads'],
    [apiPath(API_ROUTES.listStatuses), '/api/v1/statuses'],
    [apiPath(API_ROUTES.getPayloadStatuses, { request_id: 'abc' }), '/api/v1/payloads/abc'],
    [apiPath(API_ROUTES.getKibanaLink, { request_id: 'abc' }), '/api/v1/payloads/abc/kibanaLink'],
    [apiPath(API_ROUTES.checkArchiveLinkRole), '/api/v1/roles/archiveLink'],
    [apiPath(API_ROUTES.getServiceStats), '/api/v1/stats/services'],
  ])('builds %s', (path, expected) => {
    expect(path).toBe(expected);
  });

  it('refuses a route whose parameters are missing (at compile time too)', () => {
    // @ts-expect-error: the route needs its request_id
    expect(() => apiPath(API_ROUTES.getPayloadStatuses)).toThrow(/request_id/);
  });

  it('URL-encodes parameter values', () => {
    expect(apiPath(API_ROUTES.getPayloadStatuses, { request_id: 'a b/c?d' })).toBe(
      '/api/v1/payloads/a%20b%2Fc%3Fd',
    );
  });
});

describe('the route table', () => {
  it.each(Object.entries(API_ROUTES))('writes %s as an absolute path: %s', (_name, route) => {
    expect(route).toMatch(/^\/[^/]/);
    expect(route).not.toMatch(/\/$/);
  });

  it('serves the prefixes as absolute paths without a trailing slash', () => {
    for (const prefix of [API_PREFIX, ALIAS_API_PREFIX]) {
      expect(prefix).toMatch(/^\/.*[^/]$/);
    }
    expect(ALIAS_API_PREFIX).not.toBe(API_PREFIX);
  });
});
