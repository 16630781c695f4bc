import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `create_partition(start, stop)` returns true when it created the partition, false when it
 * already existed. Two ingesters may ask for the same new day at the same moment: the
 * advisory lock serialises them and the re-check after it (plus the duplicate_table handler,
 * for callers outside this function) makes the loser a no-op. Bounds are written with an
 * explicit UTC offset so the session time zone can never shift a day.
 */
const CREATE_PARTITION_FUNCTION = `
CREATE FUNCTION create_partition(start date, stop date) RETURNS boolean
LANGUAGE plpgsql AS $fn$
DECLARE
  partition_name text := format('partition_%s_%s', to_char(start, 'YYYYMMDD'), to_char(stop, 'YYYYMMDD'));
BEGIN
  IF start IS NULL OR stop IS NULL OR start >= stop THEN
    RAISE EXCEPTION 'create_partition: start (%) must be before stop (%)', start, stop
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF to_regclass(quote_ident(partition_name)) IS NOT NULL THEN
    RETURN false;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('payload_statuses.create_partition'));
  IF to_regclass(quote_ident(partition_name)) IS NOT NULL THEN
    RETURN false;
  END IF;
  EXECUTE format(
    'CREATE TABLE %I PARTITION OF payload_statuses FOR VALUES FROM (%L) TO (%L)',
    partition_name,
    to_char(start, 'YYYY-MM-DD') || ' 00:00:00+00',
    to_char(stop, 'YYYY-MM-DD') || ' 00:00:00+00');
  RETURN true;
EXCEPTION WHEN duplicate_table THEN
  RETURN false;
END
$fn$`;

/**
 * `drop_partition(start, stop)` drops every partition of `payload_statuses` whose range lies
 * entirely inside [start, stop) (UTC days), found from the catalog bounds rather than from
 * names, and returns the names it dropped.
 */
const DROP_PARTITION_FUNCTION = `
CREATE FUNCTION drop_partition(start date, stop date) RETURNS SETOF text
LANGUAGE plpgsql AS $fn$
DECLARE
  lower_limit timestamptz := start::timestamp AT TIME ZONE 'UTC';
  upper_limit timestamptz := stop::timestamp AT TIME ZONE 'UTC';
  part record;
BEGIN
  FOR part IN
    SELECT c.oid::regclass AS relation,
           c.relname::text AS name,
           regexp_match(pg_get_expr(c.relpartbound, c.oid),
                        'FROM \\(''([^'']+)''\\) TO \\(''([^'']+)''\\)') AS bounds
      FROM pg_inherits i
      JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = 'payload_statuses'::regclass
     ORDER BY c.relname
  LOOP
    CONTINUE WHEN part.bounds IS NULL;
    IF part.bounds[1]::timestamptz >= lower_limit AND part.bounds[2]::timestamptz <= upper_limit THEN
      EXECUTE format('DROP TABLE IF EXISTS %s', part.relation);
      RETURN NEXT part.name;
    END IF;
  END LOOP;
END
$fn$`;

/** Default of `PARTITIONS_AHEAD_DAYS`; the migration cannot read the job's environment. */
const INITIAL_DAYS_AHEAD = 3;

/** Partition functions, and the partitions of today (UTC) and the next days. */
export class CreatePartitionFunctions1795827720000 implements MigrationInterface {
  readonly name = 'CreatePartitionFunctions1795827720000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(CREATE_PARTITION_FUNCTION);
    await queryRunner.query(DROP_PARTITION_FUNCTION);
    await queryRunner.query(
      `SELECT create_partition(today + n, today + n + 1)
         FROM (SELECT (now() AT TIME ZONE 'UTC')::date AS today) AS t,
              generate_series(0, $1::integer) AS n`,
      [INITIAL_DAYS_AHEAD],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Partitions stay: they hold data and belong to payload_statuses, whose own down drops them.
    await queryRunner.query(`DROP FUNCTION drop_partition(date, date)`);
    await queryRunner.query(`DROP FUNCTION create_partition(date, date)`);
  }
}
