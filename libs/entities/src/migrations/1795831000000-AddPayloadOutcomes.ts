import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the outcomes of `outcomes.md` are read from, kept by the ingester in the transaction
 * that stores the statuses (see libs/entities/README.md, "Outcomes"):
 *
 * - `payload_groups`: one row per payload and `service:source` group (`source_id` 0 when the
 *   statuses had no source: a key column cannot be NULL), with the counts its state follows
 *   from, its first and last date, its latest status and its earliest failure;
 * - `payload_outcomes`: one row per payload, what its groups add up to; `created_at` repeats
 *   `payloads.created_at` so that an outcome filter and the default sort share an index;
 * - `service_stats_buckets` and `payload_state_buckets`: per minute and per hour, how many
 *   groups (payloads) that started then are now succeeded or failed; `service_duration_buckets`:
 *   per minute and per hour, how many groups that closed then took a duration of each bin
 *   (`DURATION_BIN_BOUNDS_MICROS`, only bins with groups have a row), so the stats of any window
 *   read a few thousand rows instead of every group.
 *
 * The outcome of payloads stored before this migration is computed by the migrations job
 * after it (`OutcomeBackfill`), in bounded batches.
 */
export class AddPayloadOutcomes1795831000000 implements MigrationInterface {
  readonly name = 'AddPayloadOutcomes1795831000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE payload_groups (
        payload_id bigint NOT NULL,
        service_id integer NOT NULL,
        source_id integer NOT NULL,
        first_at timestamptz NOT NULL,
        last_at timestamptz NOT NULL,
        status_count integer NOT NULL,
        success_count integer NOT NULL,
        failure_count integer NOT NULL,
        last_status_row bigint NOT NULL,
        last_status_id integer NOT NULL,
        failed_at timestamptz NULL,
        failed_status_row bigint NULL,
        failed_status_id integer NULL,
        failed_status_msg varchar(4096) NULL,
        CONSTRAINT pk_payload_groups PRIMARY KEY (payload_id, service_id, source_id),
        CONSTRAINT fk_payload_groups_payload_id FOREIGN KEY (payload_id)
          REFERENCES payloads (id) ON DELETE CASCADE
      )`);
    // The groups still open, by start: the in-progress and stalled counts of the stats.
    await queryRunner.query(`
      CREATE INDEX ix_payload_groups_open_first_at
        ON payload_groups (first_at, service_id, source_id, last_at)
        WHERE success_count = 0 AND failure_count = 0`);
    // The latest failure of a service: `last_failure` of the stats.
    await queryRunner.query(`
      CREATE INDEX ix_payload_groups_failed_service
        ON payload_groups (service_id, source_id, failed_at)
        WHERE failure_count > 0`);

    await queryRunner.query(`
      CREATE TABLE payload_outcomes (
        payload_id bigint NOT NULL,
        state varchar(16) NOT NULL,
        created_at timestamptz NOT NULL,
        status_count integer NOT NULL,
        last_status_at timestamptz NOT NULL,
        last_status_row bigint NOT NULL,
        last_service_id integer NOT NULL,
        last_source_id integer NULL,
        last_status_id integer NOT NULL,
        failed_at timestamptz NULL,
        failed_status_row bigint NULL,
        failed_service_id integer NULL,
        failed_source_id integer NULL,
        failed_status_id integer NULL,
        failed_status_msg varchar(4096) NULL,
        CONSTRAINT pk_payload_outcomes PRIMARY KEY (payload_id),
        CONSTRAINT fk_payload_outcomes_payload_id FOREIGN KEY (payload_id)
          REFERENCES payloads (id) ON DELETE CASCADE,
        CONSTRAINT ck_payload_outcomes_state CHECK (state IN ('failed', 'succeeded', 'in_progress'))
      )`);
    await queryRunner.query(`
      CREATE INDEX ix_payload_outcomes_state_created_at_id
        ON payload_outcomes (state, created_at, payload_id)`);
    await queryRunner.query(`
      CREATE INDEX ix_payload_outcomes_state_last_status_at_id
        ON payload_outcomes (state, last_status_at, payload_id)`);
    await queryRunner.query(`
      CREATE INDEX ix_payload_outcomes_last_status_at_id
        ON payload_outcomes (last_status_at, payload_id)`);
    await queryRunner.query(`
      CREATE INDEX ix_payload_outcomes_failed_service_created_at_id
        ON payload_outcomes (failed_service_id, created_at, payload_id)
        WHERE failed_service_id IS NOT NULL`);

    await queryRunner.query(`
      CREATE TABLE service_stats_buckets (
        width_minutes smallint NOT NULL,
        bucket_start timestamptz NOT NULL,
        service_id integer NOT NULL,
        source_id integer NOT NULL,
        succeeded integer NOT NULL,
        failed integer NOT NULL,
        CONSTRAINT pk_service_stats_buckets
          PRIMARY KEY (width_minutes, bucket_start, service_id, source_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE service_duration_buckets (
        width_minutes smallint NOT NULL,
        bucket_start timestamptz NOT NULL,
        service_id integer NOT NULL,
        source_id integer NOT NULL,
        bin smallint NOT NULL,
        groups integer NOT NULL,
        CONSTRAINT pk_service_duration_buckets
          PRIMARY KEY (width_minutes, bucket_start, service_id, source_id, bin)
      )`);
    await queryRunner.query(`
      CREATE TABLE payload_state_buckets (
        width_minutes smallint NOT NULL,
        bucket_start timestamptz NOT NULL,
        succeeded integer NOT NULL,
        failed integer NOT NULL,
        CONSTRAINT pk_payload_state_buckets PRIMARY KEY (width_minutes, bucket_start)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE payload_state_buckets`);
    await queryRunner.query(`DROP TABLE service_duration_buckets`);
    await queryRunner.query(`DROP TABLE service_stats_buckets`);
    await queryRunner.query(`DROP TABLE payload_outcomes`);
    await queryRunner.query(`DROP TABLE payload_groups`);
  }
}
