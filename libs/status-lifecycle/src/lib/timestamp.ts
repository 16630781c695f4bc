import { STATUS_LIFECYCLE_ERROR_CODES, StatusLifecycleError } from './status-lifecycle.error';

/** An instant as microseconds since 1970-01-01T00:00:00Z (JavaScript `Date` stops at milliseconds). */
export type EpochMicros = bigint;

const MICROS_PER_SECOND = 1_000_000n;
const MICROS_PER_DAY = 86_400n * MICROS_PER_SECOND;

/** 0001-01-01T00:00:00Z, the earliest instant this product stores or emits. */
export const MIN_EPOCH_MICROS: EpochMicros = -62_135_596_800_000_000n;
/** 9999-12-31T23:59:59.999999Z, the latest. */
export const MAX_EPOCH_MICROS: EpochMicros = 253_402_300_799_999_999n;

/*
 * date, `T`/`t`/space, time with mandatory seconds, optional fraction (`.` or ISO's `,`),
 * optional offset `Z`, `±hh:mm`, `±hhmm`, `±hh`. `\d` is ASCII-only without the `u` flag.
 */
const TIMESTAMP_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    return isLeapYear(year) ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Inverse of {@link daysFromCivil}. */
function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/**
 * Parses an ISO 8601 / RFC 3339 timestamp into epoch microseconds, or `null` when the text is
 * not one of the accepted forms.
 *
 * Accepted: `YYYY-MM-DD` then `T`, `t` or a space, then `HH:MM:SS`, an optional fraction (kept to
 * microseconds, finer digits truncated), and an optional offset `Z`, `±hh:mm`, `±hhmm` or `±hh`
 * (none means UTC). This covers PostgreSQL's `timestamptz` text output
 * (`2026-11-28 10:00:00.123456+00`). Surrounding whitespace is ignored.
 *
 * Refused: epoch numbers, date-only and time-only values, missing seconds, month-first or
 * other orders, leap seconds (`:60`), out-of-range calendar fields, year 0000, offsets beyond
 * ±23:59, and instants that an offset moves outside years 0001..9999 in UTC
 * (`9999-12-31T23:59:59-00:01`), which could not be formatted back.
 */
export function parseTimestamp(text: string): EpochMicros | null {
  const match = TIMESTAMP_PATTERN.exec(text.trim());
  if (match === null) {
    return null;
  }
  const [
    ,
    yearText,
    monthText,
    dayText,
    hourText,
    minuteText,
    secondText,
    fraction,
    zulu,
    sign,
    offsetHourText,
    offsetMinuteText,
  ] = match;
  const year = Number(yearText);
  const month = Number(monthText);
  const day = Number(dayText);
  const hour = Number(hourText);
  const minute = Number(minuteText);
  const second = Number(secondText);
  if (
    year < 1 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return null;
  }

  let offsetSeconds = 0;
  if (zulu === undefined && sign !== undefined) {
    const offsetHour = Number(offsetHourText);
    const offsetMinute = Number(offsetMinuteText ?? '0');
    if (offsetHour > 23 || offsetMinute > 59) {
      return null;
    }
    offsetSeconds = (sign === '-' ? -1 : 1) * (offsetHour * 3600 + offsetMinute * 60);
  }

  const fractionMicros = BigInt((fraction ?? '').slice(0, 6).padEnd(6, '0'));
  const seconds =
    daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds;
  const micros = BigInt(seconds) * MICROS_PER_SECOND + fractionMicros;
  return micros < MIN_EPOCH_MICROS || micros > MAX_EPOCH_MICROS ? null : micros;
}

function pad(value: number | bigint, width: number): string {
  return value.toString().padStart(width, '0');
}

/**
 * Formats epoch microseconds as `YYYY-MM-DDTHH:MM:SS.ffffffZ` (always UTC, always six
 * fractional digits), the only timestamp form this product emits.
 *
 * @throws StatusLifecycleError `timestamp_out_of_range` outside years 0001..9999.
 */
export function formatTimestamp(micros: EpochMicros): string {
  // Floor division: instants before 1970 still land on the right day and a positive time of day.
  let days = micros / MICROS_PER_DAY;
  let microsOfDay = micros % MICROS_PER_DAY;
  if (microsOfDay < 0n) {
    days -= 1n;
    microsOfDay += MICROS_PER_DAY;
  }
  const { year, month, day } = civilFromDays(Number(days));
  if (year < 1 || year > 9999) {
    throw new StatusLifecycleError(
      STATUS_LIFECYCLE_ERROR_CODES.timestampOutOfRange,
      `timestamp ${micros.toString()} µs is outside years 0001..9999`,
    );
  }
  const secondsOfDay = microsOfDay / MICROS_PER_SECOND;
  const hour = secondsOfDay / 3600n;
  const minute = (secondsOfDay % 3600n) / 60n;
  const second = secondsOfDay % 60n;
  const fraction = microsOfDay % MICROS_PER_SECOND;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}.${pad(fraction, 6)}Z`;
}
