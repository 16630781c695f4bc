/** A quoted `request_id` value, closed or cut off (a truncated message keeps what it has). */
const QUOTED_REQUEST_ID = /"request_id"\s*:\s*"((?:[^"\\]|\\.)*)/;
/** An unquoted one (a number, `null`, a bare word) up to the next separator. */
const BARE_REQUEST_ID = /"request_id"\s*:\s*([^\s,}\]"]+)/;

function fromParsed(value: unknown): string | undefined {
  const candidate = Array.isArray(value) ? (value as unknown[])[0] : value;
  if (typeof candidate !== 'object' || candidate === null) return undefined;
  const requestId = (candidate as Record<string, unknown>)['request_id'];
  return typeof requestId === 'string' || typeof requestId === 'number'
    ? String(requestId)
    : undefined;
}

/**
 * Digs the `request_id` out of a refused message's value, leniently: the value is by definition
 * not a valid status message (cut-off JSON, an array, a wrong type), so parsed JSON is tried
 * first, then the text itself. Undefined when nothing that looks like one is there.
 */
export function findRequestId(value: Buffer | string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.toString();
  try {
    const found = fromParsed(JSON.parse(text));
    if (found !== undefined) return found;
  } catch {
    // Not JSON at all: the text search below is all there is.
  }
  const quoted = QUOTED_REQUEST_ID.exec(text);
  if (quoted?.[1] !== undefined) return quoted[1].replace(/\\(.)/g, '$1');
  const bare = BARE_REQUEST_ID.exec(text);
  return bare?.[1] === 'null' ? undefined : bare?.[1];
}
