import { types } from 'pg';

/** OIDs from PostgreSQL's pg_type catalog (stable across versions). */
const PG_TYPE_OIDS = {
  int8: 20,
  date: 1082,
  timestamp: 1114,
  timestamptz: 1184,
  timestampArray: 1115,
  timestamptzArray: 1185,
  textArray: 1009,
} as const;

function keepText(value: string): string {
  return value;
}

/**
 * Makes `pg` return timestamps, dates and int8 as the server's text: a JavaScript `Date` has
 * milliseconds only and a `number` loses int8 precision. Parse timestamps with
 * `parseTimestamp` and ids with `Number` where rows are mapped. Global to the `pg` module and
 * idempotent; `buildDataSourceOptions` calls it.
 */
export function installPgTypeParsers(): void {
  types.setTypeParser(PG_TYPE_OIDS.int8, keepText);
  types.setTypeParser(PG_TYPE_OIDS.date, keepText);
  types.setTypeParser(PG_TYPE_OIDS.timestamp, keepText);
  types.setTypeParser(PG_TYPE_OIDS.timestamptz, keepText);
  const parseTextArray = types.getTypeParser(PG_TYPE_OIDS.textArray, 'text');
  types.setTypeParser(PG_TYPE_OIDS.timestampArray, parseTextArray);
  types.setTypeParser(PG_TYPE_OIDS.timestamptzArray, parseTextArray);
}
