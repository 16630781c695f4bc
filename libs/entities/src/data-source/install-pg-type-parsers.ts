import { types } from 'pg';

type TypeOid = Parameters<typeof types.getTypeParser>[0];

/** OIDs from PostgreSQL's pg_type catalog (stable across versions); arrays are not in pg's enum. */
const PG_TYPE_OIDS = {
  int8: types.builtins.INT8,
  date: types.builtins.DATE,
  timestamp: types.builtins.TIMESTAMP,
  timestamptz: types.builtins.TIMESTAMPTZ,
  timestampArray: 1115 as TypeOid,
  timestamptzArray: 1185 as TypeOid,
  textArray: 1009 as TypeOid,
} as const;

function keepText(value: string): string {
  return value;
}

/**
 * Makes `pg` return timestamps, dates and int8 (and arrays of timestamps) as the server's
 * text: a JavaScript `Date` has milliseconds only and a `number` loses int8 precision. Parse
 * timestamps with `parseTimestamp` and ids with `Number` where rows are mapped. Global to the
 * `pg` module and idempotent; `buildDataSourceOptions` calls it.
 */
export function installPgTypeParsers(): void {
  types.setTypeParser(PG_TYPE_OIDS.int8, keepText);
  types.setTypeParser(PG_TYPE_OIDS.date, keepText);
  types.setTypeParser(PG_TYPE_OIDS.timestamp, keepText);
  types.setTypeParser(PG_TYPE_OIDS.timestamptz, keepText);
  const parseTextArray = types.getTypeParser(PG_TYPE_OIDS.textArray, 'text') as (
    value: string,
  ) => unknown;
  types.setTypeParser(PG_TYPE_OIDS.timestampArray, parseTextArray);
  types.setTypeParser(PG_TYPE_OIDS.timestamptzArray, parseTextArray);
}
