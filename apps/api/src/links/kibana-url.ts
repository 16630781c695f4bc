import { formatTimestamp } from '@payload-tracker/status-lifecycle';
import type { EpochMicros } from '@payload-tracker/status-lifecycle';

/** Logs of a request are looked for this long before its first and after its last status. */
export const KIBANA_WINDOW_MARGIN_MICROS = 3_600_000_000n;

/** Everything a Kibana Discover link is made of. */
export interface KibanaLinkParts {
  /** `KIBANA_URL` as configured: the Kibana base URL or a Discover URL (see {@link discoverRoute}). */
  readonly baseUrl: string;
  readonly index: string;
  readonly serviceField: string;
  readonly requestId: string;
  readonly service?: string;
  /** First and last status date of the payload; `null` means "the last 24 hours". */
  readonly span: { readonly first: EpochMicros; readonly last: EpochMicros } | null;
}

/** Percent-encodes everything but unreserved characters, including `!'()*` that Rison uses. */
export function encodeUrlPart(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** A Rison string literal (Kibana's URL state format), URL-encoded. */
function risonString(value: string): string {
  return `'${encodeUrlPart(value.replace(/!/g, '!!').replace(/'/g, "!'"))}'`;
}

/** A KQL value: bare when it is a plain word, else a quoted phrase with `\` and `"` escaped. */
export function kqlValue(value: string): string {
  if (/^[\w.@/-]+$/.test(value) && !/^(and|or|not)$/i.test(value)) {
    return value;
  }
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The KQL query of a link: the request id, plus the service when one is given. */
export function kibanaQuery(
  parts: Pick<KibanaLinkParts, 'requestId' | 'service' | 'serviceField'>,
): string {
  const requestClause = `request_id:${kqlValue(parts.requestId)}`;
  return parts.service === undefined
    ? requestClause
    : `${requestClause} AND ${parts.serviceField}:${kqlValue(parts.service)}`;
}

/** Kibana app paths that open Discover, and the hash route each one expects. */
const DISCOVER_APPS: readonly { readonly path: RegExp; readonly route: string }[] = [
  { path: /\/app\/discover$/, route: '/' },
  // Kibana up to 7.9, and the legacy URL that later versions still forward to Discover.
  { path: /\/app\/kibana$/, route: '/discover' },
];

/**
 * The Discover page that `KIBANA_URL` names, as the part of a link before its `?_g=…&_a=…` state.
 * Two forms are accepted, so that an existing deployment's setting keeps working:
 * - the Kibana base URL (`https://kibana.example.com`, or a space `…/s/platform`): Discover is
 *   `/app/discover#/` below it;
 * - a Discover URL, as the Go edition is configured (`https://kibana.example.com/app/kibana#/discover`,
 *   or `…/app/discover#/`): used as it is, without a query of its own after the hash route.
 */
export function discoverRoute(kibanaUrl: string): string {
  const trimmed = kibanaUrl.trim();
  const hashAt = trimmed.indexOf('#');
  const page = (hashAt === -1 ? trimmed : trimmed.slice(0, hashAt)).replace(/\/+$/, '');
  if (hashAt !== -1) {
    const route = trimmed.slice(hashAt + 1).split('?')[0] ?? '';
    return `${page}#${route === '' ? '/' : route}`;
  }
  const app = DISCOVER_APPS.find((candidate) => candidate.path.test(page));
  return app === undefined ? `${page}/app/discover#/` : `${page}#${app.route}`;
}

/** A Kibana Discover URL for the logs of one request. */
export function buildKibanaUrl(parts: KibanaLinkParts): string {
  const time =
    parts.span === null
      ? `(from:now-24h,to:now)`
      : `(from:${risonString(formatTimestamp(parts.span.first - KIBANA_WINDOW_MARGIN_MICROS))},to:${risonString(
          formatTimestamp(parts.span.last + KIBANA_WINDOW_MARGIN_MICROS),
        )})`;
  const appState = `(index:${risonString(parts.index)},query:(language:kuery,query:${risonString(kibanaQuery(parts))}))`;
  return `${discoverRoute(parts.baseUrl)}?_g=(time:${time})&_a=${appState}`;
}
