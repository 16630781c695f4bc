import { consolePaths, parseRoute, routePath } from './console-paths';
import type { ConsoleRoute } from './console-paths';

describe('consolePaths', () => {
  it.each([
    ['/console/', { basePath: '/console/', apiBase: '/api/v1' }],
    [
      '/app/payload-tracker/console/',
      { basePath: '/app/payload-tracker/console/', apiBase: '/app/payload-tracker/api/v1' },
    ],
    ['/elsewhere/', { basePath: '/console/', apiBase: '/api/v1' }],
  ])('finds the API beside the console at %s', (base, expected) => {
    expect(consolePaths(base)).toEqual(expected);
  });
});

describe('parseRoute', () => {
  it.each<[string, ConsoleRoute]>([
    ['/console/', { page: 'uploads' }],
    ['/console', { page: 'uploads' }],
    ['/console/uploads', { page: 'uploads' }],
    ['/console/uploads/', { page: 'uploads' }],
    ['/console/uploads/abc', { page: 'upload', requestId: 'abc' }],
    ['/console/uploads/a%20b', { page: 'upload', requestId: 'a b' }],
    ['/console/uploads/%E0%A4%A', { page: 'not_found' }],
    ['/console/services', { page: 'services' }],
    ['/console/search', { page: 'search' }],
    ['/console/services/x', { page: 'not_found' }],
    ['/console/uploads/a/b', { page: 'not_found' }],
    ['/console/nope', { page: 'not_found' }],
    ['/other/uploads', { page: 'not_found' }],
  ])('shows %s as %p', (path, expected) => {
    expect(parseRoute(path, '/console/')).toEqual(expected);
  });

  it('reads paths under the alias prefix alike', () => {
    expect(
      parseRoute('/app/payload-tracker/console/uploads/x', '/app/payload-tracker/console/'),
    ).toEqual({
      page: 'upload',
      requestId: 'x',
    });
  });
});

describe('routePath', () => {
  it.each<[ConsoleRoute, string, string]>([
    [{ page: 'uploads' }, '?state=failed', '/console/uploads?state=failed'],
    [{ page: 'upload', requestId: 'a b/c' }, '', '/console/uploads/a%20b%2Fc'],
    [{ page: 'services' }, '', '/console/services'],
    [{ page: 'search' }, '?q=1', '/console/search?q=1'],
  ])('writes %p as a path that parses back', (route, query, expected) => {
    const path = routePath('/console/', route, query);
    expect(path).toBe(expected);
    expect(parseRoute(path.split('?')[0] ?? '', '/console/')).toEqual(route);
  });
});
