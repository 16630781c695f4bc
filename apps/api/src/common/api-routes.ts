/** Where the API lives. */
export const API_PREFIX = 'api/v1';

/** The same routes again under the frontend proxy's prefix; rewritten to {@link API_PREFIX}. */
export const ALIAS_API_PREFIX = 'app/payload-tracker/api/v1';

/**
 * Maps a URL under the alias prefix onto the canonical one, so both serve the same routes
 * (and share route labels in metrics) without registering every route twice.
 */
export function rewriteAliasedUrl(url: string): string {
  const alias = `/${ALIAS_API_PREFIX}`;
  if (url === alias || url.startsWith(`${alias}/`) || url.startsWith(`${alias}?`)) {
    return `/${API_PREFIX}${url.slice(alias.length)}`;
  }
  return url;
}
