import { API_PREFIX, CONSOLE_PREFIX } from '@payload-tracker/api-contract';

/** Where the console runs and where its API is, from the URL it was reached under. */
export interface ConsolePaths {
  /** The console's root, ending in `/`: `/console/` or `/app/payload-tracker/console/`. */
  readonly basePath: string;
  /** The API prefix beside it: `/api/v1` or `/app/payload-tracker/api/v1`. */
  readonly apiBase: string;
}

const CONSOLE_ROOT = `${CONSOLE_PREFIX}/`;

/**
 * The console's paths from its base URL's path (the `<base href>` the api writes into each
 * page). Behind the platform's router, the console and the API share one alias prefix, so the
 * API is found beside the console, never at an absolute `/api/v1` the router does not forward.
 */
export function consolePaths(basePathname: string): ConsolePaths {
  if (!basePathname.endsWith(CONSOLE_ROOT)) {
    return { basePath: CONSOLE_ROOT, apiBase: API_PREFIX };
  }
  const root = basePathname.slice(0, -CONSOLE_ROOT.length);
  return { basePath: basePathname, apiBase: `${root}${API_PREFIX}` };
}

/** A page of the console. */
export type ConsoleRoute =
  | { readonly page: 'uploads' }
  | { readonly page: 'upload'; readonly requestId: string }
  | { readonly page: 'services' }
  | { readonly page: 'search' }
  | { readonly page: 'not_found' };

/**
 * The page a path shows: `` and `uploads` the list, `uploads/<request id>` an upload,
 * `services` the service health, `search` the search resolution; anything else is not found.
 */
export function parseRoute(pathname: string, basePath: string): ConsoleRoute {
  const base = basePath.endsWith('/') ? basePath : `${basePath}/`;
  if (`${pathname}/` === base) {
    return { page: 'uploads' };
  }
  if (!pathname.startsWith(base)) {
    return { page: 'not_found' };
  }
  const parts = pathname
    .slice(base.length)
    .split('/')
    .filter((part) => part !== '');
  const [first, second, ...rest] = parts;
  if (rest.length > 0) {
    return { page: 'not_found' };
  }
  if (first === undefined || (first === 'uploads' && second === undefined)) {
    return { page: 'uploads' };
  }
  if (first === 'uploads' && second !== undefined) {
    try {
      return { page: 'upload', requestId: decodeURIComponent(second) };
    } catch {
      return { page: 'not_found' };
    }
  }
  if (second === undefined && (first === 'services' || first === 'search')) {
    return { page: first };
  }
  return { page: 'not_found' };
}

/** The path of a page under `basePath`, with an optional query string (`?...`). */
export function routePath(basePath: string, route: ConsoleRoute, query = ''): string {
  switch (route.page) {
    case 'uploads':
      return `${basePath}uploads${query}`;
    case 'upload':
      return `${basePath}uploads/${encodeURIComponent(route.requestId)}${query}`;
    case 'services':
      return `${basePath}services${query}`;
    case 'search':
      return `${basePath}search${query}`;
    case 'not_found':
      return basePath;
  }
}
