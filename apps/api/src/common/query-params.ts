import { parseTimestamp } from '@payload-tracker/status-lifecycle';
import type { TransformFnParams } from 'class-transformer';
import { registerDecorator } from 'class-validator';
import type { ValidationOptions } from 'class-validator';

/** Example shown in messages and the OpenAPI document for timestamp parameters. */
export const TIMESTAMP_EXAMPLE = '2026-11-28T10:00:00.123456Z';

/**
 * Turns a decimal integer string (ASCII digits, an optional `-`, nothing around them) into a
 * number and leaves anything else untouched, so that the validator refuses `1.5`, `abc`, ``,
 * `+1`, ` 5` and repeated parameters instead of coercing them. Longer numbers than 15 digits
 * stay text too and are refused with the same range message (every range here is far smaller).
 */
export function toInteger({ value }: TransformFnParams): unknown {
  if (typeof value === 'string' && /^-?\d{1,15}$/.test(value)) {
    return Number(value);
  }
  return value;
}

/** Parses a timestamp parameter into epoch microseconds; unparseable values stay as they are. */
export function toEpochMicros({ value }: TransformFnParams): unknown {
  if (typeof value === 'string') {
    return parseTimestamp(value) ?? value;
  }
  return value;
}

/** Accepts only values that {@link toEpochMicros} managed to parse. */
export function IsEpochMicros(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol): void => {
    registerDecorator({
      name: 'isEpochMicros',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: `$property must be an RFC 3339 timestamp such as ${TIMESTAMP_EXAMPLE} (no offset means UTC), within years 0001 to 9999 in UTC`,
        ...options,
      },
      validator: { validate: (value: unknown): boolean => typeof value === 'bigint' },
    });
  };
}

/** The message naming the allowed values of an enumerated parameter. */
export function oneOfMessage(values: readonly (string | number)[]): string {
  return `$property must be one of: ${values.join(', ')}`;
}

/** The message of a free-text filter given as something other than one string. */
export const SINGLE_TEXT_MESSAGE = '$property must be given once, as text';
