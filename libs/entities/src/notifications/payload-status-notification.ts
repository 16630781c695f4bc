/** The PostgreSQL channel the writer notifies when a batch stored statuses. */
export const PAYLOAD_STATUS_CHANNEL = 'payload_status';

/**
 * The largest notification payload the writer sends, in bytes: PostgreSQL refuses 8000 and
 * over, and the margin keeps the limit clear of any multi-byte surprise.
 */
export const MAX_NOTIFICATION_BYTES = 7900;

const PAYLOAD_ID = /^[1-9]\d{0,18}$/;

/**
 * The notification payloads announcing new statuses of these payloads: their ids
 * (`payloads.id`, decimal text) joined by commas, in as few payloads of at most `maxBytes` as
 * they fit in. Ids repeated in the input are sent once.
 *
 * @param payloadIds - `payloads.id` of every payload that got a new status
 * @param maxBytes - the size limit of one payload (ids are ASCII: one byte a character)
 */
export function payloadStatusNotifications(
  payloadIds: Iterable<string>,
  maxBytes = MAX_NOTIFICATION_BYTES,
): string[] {
  const notifications: string[] = [];
  let current = '';
  for (const id of new Set(payloadIds)) {
    if (!PAYLOAD_ID.test(id)) {
      throw new Error(`Not a payload id: ${id}`);
    }
    if (current !== '' && current.length + 1 + id.length > maxBytes) {
      notifications.push(current);
      current = '';
    }
    current = current === '' ? id : `${current},${id}`;
  }
  if (current !== '') {
    notifications.push(current);
  }
  return notifications;
}

/**
 * The payload ids of a notification of {@link PAYLOAD_STATUS_CHANNEL}; anything that is not an
 * id (a notification from an unrelated sender) is left out.
 */
export function parsePayloadStatusNotification(payload: string): string[] {
  return payload.split(',').filter((id) => PAYLOAD_ID.test(id));
}
