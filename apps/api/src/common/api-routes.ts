import { ALIAS_API_PREFIX, API_PREFIX } from '@payload-tracker/api-contract';

/**
 * Maps a URL under the alias prefix onto the canonical one, so both serve the same routes
 * (and share route labels in metrics) without registering every route twice.
 */
export function rewriteAliasedUrl(url: string): string {
  if (
    url === ALIAS_API_PREFIX ||
    url.startsWith(`${ALIAS_API_PREFIX}/`) ||
    url.startsWith(`${ALIAS_API_PREFIX}?`)
  ) {
    return `${API_PREFIX}${url.slice(ALIAS_API_PREFIX.length)}`;
  }
  return url;
}

/** A contract route (`/payloads/{request_id}`) as Nest's router writes it (`/payloads/:request_id`). */
export function routerPath(route: string): string {
  return route.replace(/\{(\w+)\}/g, ':$1');
}
