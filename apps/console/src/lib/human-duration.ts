/** Microseconds in the units a person reads. */
const MICROS_PER_MILLI = 1_000;
const MICROS_PER_TENTH = 100_000;
const MICROS_PER_SECOND = 1_000_000;
const MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
const MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;

const API_DURATION = /^(-?)(\d{2,}):([0-5]\d):([0-5]\d)\.(\d{6})$/;

function pad2(value: number): string {
  return value.toString().padStart(2, '0');
}

/**
 * A duration in microseconds written for people, in the largest unit that keeps it short:
 * `250 µs`, `120 ms`, `5.6 s`, `42 s`, `2 min 03 s`, `1 h 02 min`, `2 d 03 h`. Each form is
 * rounded to its last unit first, so `59.7 s` reads `1 min 00 s`, never `60 s`.
 */
export function formatHumanDuration(micros: bigint | number): string {
  const value = Number(micros);
  if (value < 0) {
    return `-${formatHumanDuration(-value)}`;
  }
  if (value === 0) {
    return '0 s';
  }
  if (value < MICROS_PER_MILLI) {
    return `${Math.round(value).toString()} µs`;
  }
  const millis = Math.round(value / MICROS_PER_MILLI);
  if (millis < 1000) {
    return `${millis.toString()} ms`;
  }
  const tenths = Math.round(value / MICROS_PER_TENTH);
  if (tenths < 100) {
    return `${(tenths / 10).toFixed(1)} s`;
  }
  const seconds = Math.round(value / MICROS_PER_SECOND);
  if (seconds < 60) {
    return `${seconds.toString()} s`;
  }
  if (seconds < 3600) {
    return `${Math.floor(seconds / 60).toString()} min ${pad2(seconds % 60)} s`;
  }
  const minutes = Math.round(value / MICROS_PER_MINUTE);
  if (minutes < 24 * 60) {
    return `${Math.floor(minutes / 60).toString()} h ${pad2(minutes % 60)} min`;
  }
  const hours = Math.round(value / MICROS_PER_HOUR);
  return `${Math.floor(hours / 24).toString()} d ${pad2(hours % 24)} h`;
}

/**
 * Reads a duration as the API writes it (`HH:MM:SS.ffffff`, hours possibly beyond 24, an
 * optional leading `-`) into microseconds, or `null` when the text has another form.
 */
export function parseApiDuration(text: string): bigint | null {
  const match = API_DURATION.exec(text);
  if (match === null) {
    return null;
  }
  const [, sign, hours, minutes, seconds, fraction] = match;
  const magnitude =
    ((BigInt(hours ?? '0') * 60n + BigInt(minutes ?? '0')) * 60n + BigInt(seconds ?? '0')) *
      1_000_000n +
    BigInt(fraction ?? '0');
  return sign === '-' ? -magnitude : magnitude;
}
