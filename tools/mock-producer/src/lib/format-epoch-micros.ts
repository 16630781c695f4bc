/**
 * `YYYY-MM-DDTHH:MM:SS.ffffffZ` from epoch microseconds: the RFC 3339 form with microseconds that
 * the platform's producers send.
 */
export function formatEpochMicros(micros: bigint): string {
  const millis = micros / 1000n;
  const subMillis = ((micros % 1000n) + 1000n) % 1000n;
  const base = new Date(
    Number(micros < 0n && subMillis !== 0n ? millis - 1n : millis),
  ).toISOString();
  return `${base.slice(0, -1)}${subMillis.toString().padStart(3, '0')}Z`;
}
