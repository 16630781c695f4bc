import { formatTimestamp } from '@payload-tracker/status-lifecycle';
import type { EpochMicros } from '@payload-tracker/status-lifecycle';

/** Logs of a request are looked for this long before its first and after its last status. */
export const KIBANA_WINDOW_MARGIN_MICROS = 3_600_000_000n;

/** Everything a Kibana Discover link is made of. */
export interface KibanaLinkParts {
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

/** A Kibana Discover URL for the logs of one request. */
export function buildKibanaUrl(parts: KibanaLinkParts): string {
  const time =
    parts.span === null
      ? `(from:now-24h,to:now)`
      : `(from:${risonString(formatTimestamp(parts.span.first - KIBANA_WINDOW_MARGIN_MICROS))},to:${risonString(
          formatTimestamp(parts.span.last + KIBANA_WINDOW_MARGIN_MICROS),
        )})`;
  const appState = `(index:${risonString(parts.index)},query:(language:kuery,query:${risonString(kibanaQuery(parts))}))`;
  return `${parts.baseUrl.replace(/\/+$/, '')}/app/discover#/?_g=(time:${time})&_a=${appState}`;
}
