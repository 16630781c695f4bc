import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `payload_statuses`, range-partitioned by `date`. The primary key and the dedupe index
 * include `date` because PostgreSQL requires the partition key in every unique index.
 * No default partition: rows for a missing day must fail loudly, and a default partition
 * would make every later `create_partition` scan it.
 */
export class CreatePayloadStatuses1795827660000 implements MigrationInterface {
  readonly name = 'CreatePayloadStatuses1795827660000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SEQUENCE payload_statuses_id_seq AS bigint`);
    await queryRunner.query(`
      CREATE TABLE payload_statuses (
        id bigint NOT NULL DEFAULT nextval('payload_statuses_id_seq'),
        payload_id bigint NOT NULL,
        service_id integer NOT NULL,
        source_id integer NULL,
        status_id integer NOT NULL,
        status_msg varchar(4096) NULL,
        date timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        dedupe_key uuid NOT NULL,
        CONSTRAINT pk_payload_statuses PRIMARY KEY (id, date),
        CONSTRAINT fk_payload_statuses_payload_id FOREIGN KEY (payload_id)
          REFERENCES payloads (id) ON DELETE CASCADE,
        CONSTRAINT fk_payload_statuses_service_id FOREIGN KEY (service_id) REFERENCES services (id),
        CONSTRAINT fk_payload_statuses_source_id FOREIGN KEY (source_id) REFERENCES sources (id),
        CONSTRAINT fk_payload_statuses_status_id FOREIGN KEY (status_id) REFERENCES statuses (id)
      ) PARTITION BY RANGE (date)`);
    await queryRunner.query(`ALTER SEQUENCE payload_statuses_id_seq OWNED BY payload_statuses.id`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX ux_payload_statuses_dedupe ON payload_statuses (dedupe_key, date)`,
    );
    await queryRunner.query(
      `CREATE INDEX ix_payload_statuses_payload_id_date ON payload_statuses (payload_id, date)`,
    );
    await queryRunner.query(
      `CREATE INDEX ix_payload_statuses_service_id_date ON payload_statuses (service_id, date)`,
    );
    await queryRunner.query(
      `CREATE INDEX ix_payload_statuses_status_id_date ON payload_statuses (status_id, date)`,
    );
    await queryRunner.query(
      `CREATE INDEX ix_payload_statuses_source_id_date ON payload_statuses (source_id, date)`,
    );
    await queryRunner.query(
      `CREATE INDEX ix_payload_statuses_created_at ON payload_statuses (created_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Drops every partition with it; the owned sequence goes too.
    await queryRunner.query(`DROP TABLE payload_statuses`);
    await queryRunner.query(`DROP SEQUENCE IF EXISTS payload_statuses_id_seq`);
  }
}
