import type { SeededRandom } from './seeded-random';

/**
 * Kinds of broken message the producer can emit, named after the ingester's rejection reasons
 * (`x-error-reason` on the dead-letter topic) so a test can check where each one lands.
 */
export const MALFORMED_REASONS = [
  'invalid_json',
  'not_an_object',
  'missing_field',
  'invalid_date',
  'invalid_request_id',
  'field_too_long',
] as const;

/** One of {@link MALFORMED_REASONS}. */
export type MalformedReason = (typeof MALFORMED_REASONS)[number];

const REQUIRED_FIELDS = ['service', 'request_id', 'status', 'date'] as const;

/** Dates real producers got wrong: epoch numbers, month-first, date-only, nonsense. */
const BAD_DATES: readonly unknown[] = [
  1_764_324_000,
  '11/28/2026 10:00:00',
  '2026-11-28',
  'yesterday',
  '2026-13-01T00:00:00Z',
];

/** Longer than any column: 255 for names and ids, 4096 for `status_msg`. */
const TOO_LONG_NAME = 'x'.repeat(300);
const TOO_LONG_STATUS_MSG = 'stack trace line\n'.repeat(300);

/** Turns a well-formed message into one the ingester must refuse for `reason`. */
export function malformMessage(
  fields: Readonly<Record<string, unknown>>,
  reason: MalformedReason,
  random: SeededRandom,
): string {
  switch (reason) {
    case 'invalid_json': {
      const text = JSON.stringify(fields);
      return text.slice(0, random.int(1, text.length - 1));
    }
    case 'not_an_object':
      return JSON.stringify([fields]);
    case 'missing_field': {
      const copy: Record<string, unknown> = { ...fields };
      delete copy[random.pick(REQUIRED_FIELDS)];
      return JSON.stringify(copy);
    }
    case 'invalid_date':
      return JSON.stringify({ ...fields, date: random.pick(BAD_DATES) });
    case 'invalid_request_id': {
      const requestId = String(fields['request_id']);
      return JSON.stringify({
        ...fields,
        request_id: random.chance(0.5) ? requestId.slice(0, 31) : `${requestId}-retry`,
      });
    }
    case 'field_too_long':
      return JSON.stringify(
        random.chance(0.5)
          ? { ...fields, service: TOO_LONG_NAME }
          : { ...fields, status_msg: TOO_LONG_STATUS_MSG },
      );
  }
}
