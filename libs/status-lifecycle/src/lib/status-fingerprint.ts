import type { StatusMessage } from './status-message';
import { formatTimestamp } from './timestamp';

/** Bumped if the canonical form ever changes, so old and new keys can never be confused. */
const FINGERPRINT_VERSION = 'v1';

/**
 * Canonical text identifying one status: same request, service, source, status, status_msg
 * and date give the same text; any difference gives a different text. Its md5 is the
 * `dedupe_key` that makes redeliveries `ON CONFLICT DO NOTHING`.
 *
 * The text is a JSON array: JSON string escaping makes the parts unambiguous (no separator
 * can leak from one part into the next), `null` and `""` stay distinct, and unpaired
 * surrogates are escaped so the text always encodes to UTF-8.
 */
export function statusFingerprint(message: StatusMessage): string {
  return JSON.stringify([
    FINGERPRINT_VERSION,
    message.requestId,
    message.service,
    message.source,
    message.status,
    message.statusMsg,
    formatTimestamp(message.date),
  ]);
}
