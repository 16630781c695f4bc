import {
  ALIAS_API_PREFIX,
  ALIAS_CONSOLE_PREFIX,
  API_PREFIX,
  CONSOLE_PREFIX,
} from '@payload-tracker/api-contract';

/** Alias prefixes and the canonical prefix each stands for. */
const ALIASES: readonly (readonly [alias: string, canonical: string])[] = [
  [ALIAS_API_PREFIX, API_PREFIX],
  [ALIAS_CONSOLE_PREFIX, CONSOLE_PREFIX],
];

function isUnder(url: string, prefix: string): boolean {
  return url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`);
}

/**
 * Maps a URL under an alias prefix (the API's or the console's) onto the canonical one, so both
 * serve the same routes (and share route labels in metrics) without registering every route
 * twice.
 */
export function rewriteAliasedUrl(url: string): string {
  for (const [alias, canonical] of ALIASES) {
    if (isUnder(url, alias)) {
      return `${canonical}${url.slice(alias.length)}`;
    }
  }
  return url;
}

/** A contract route (`/payloads/{request_id}`) as Nest's router writes it (`/payloads/:request_id`). */
export function routerPath(route: string): string {
  return route.replace(/\{(\w+)\}/g, ':$1');
}
