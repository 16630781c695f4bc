/**
 * `@EventPattern` of the status batch handler. A logical name, not the topic: the topic comes
 * from `KAFKA_TOPIC` at run time, and main.ts maps this pattern to it.
 */
export const PAYLOAD_STATUS_PATTERN = 'payload-status';
