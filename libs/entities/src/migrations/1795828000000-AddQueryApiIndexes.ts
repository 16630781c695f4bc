import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes the query API's filters and sorts need (see apps/api/README.md, "Query plans").
 * Every sort breaks ties on the row id, so each sort index ends with `id`; a filter on an id
 * column combined with the default `created_at` sort gets `(column, created_at, id)`. These
 * supersede the single-column payload indexes and `payload_statuses(created_at)`, dropped here
 * so ingestion does not maintain indexes nothing uses.
 */
const PAYLOAD_ID_COLUMNS = ['account', 'org_id', 'inventory_id', 'system_id'] as const;
const LOOKUP_COLUMNS = ['service_id', 'status_id', 'source_id'] as const;

/** Must match `STATUS_MSG_INDEXED_PREFIX` in the api: a whole 4096-character message exceeds a btree entry. */
const STATUS_MSG_PREFIX = 256;

export class AddQueryApiIndexes1795828000000 implements MigrationInterface {
  readonly name = 'AddQueryApiIndexes1795828000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const column of PAYLOAD_ID_COLUMNS) {
      await queryRunner.query(`DROP INDEX ix_payloads_${column}`);
      await queryRunner.query(`CREATE INDEX ix_payloads_${column}_id ON payloads (${column}, id)`);
      await queryRunner.query(
        `CREATE INDEX ix_payloads_${column}_created_at_id ON payloads (${column}, created_at, id)`,
      );
    }
    await queryRunner.query(`DROP INDEX ix_payloads_created_at`);
    await queryRunner.query(`CREATE INDEX ix_payloads_created_at_id ON payloads (created_at, id)`);

    await queryRunner.query(
      `CREATE INDEX ix_payload_statuses_date_id ON payload_statuses (date, id)`,
    );
    await queryRunner.query(`DROP INDEX ix_payload_statuses_created_at`);
    await queryRunner.query(
      `CREATE INDEX ix_payload_statuses_created_at_id ON payload_statuses (created_at, id)`,
    );
    for (const column of LOOKUP_COLUMNS) {
      await queryRunner.query(
        `CREATE INDEX ix_payload_statuses_${column}_id ON payload_statuses (${column}, id)`,
      );
    }
    await queryRunner.query(
      `CREATE INDEX ix_payload_statuses_status_msg_id
         ON payload_statuses (left(status_msg, ${STATUS_MSG_PREFIX.toString()}), id)`,
    );
    await queryRunner.query(
      `CREATE INDEX ix_payload_statuses_status_msg_date
         ON payload_statuses (left(status_msg, ${STATUS_MSG_PREFIX.toString()}), date)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ix_payload_statuses_status_msg_date`);
    await queryRunner.query(`DROP INDEX ix_payload_statuses_status_msg_id`);
    for (const column of LOOKUP_COLUMNS) {
      await queryRunner.query(`DROP INDEX ix_payload_statuses_${column}_id`);
    }
    await queryRunner.query(`DROP INDEX ix_payload_statuses_created_at_id`);
    await queryRunner.query(
      `CREATE INDEX ix_payload_statuses_created_at ON payload_statuses (created_at)`,
    );
    await queryRunner.query(`DROP INDEX ix_payload_statuses_date_id`);

    await queryRunner.query(`DROP INDEX ix_payloads_created_at_id`);
    await queryRunner.query(`CREATE INDEX ix_payloads_created_at ON payloads (created_at)`);
    for (const column of PAYLOAD_ID_COLUMNS) {
      await queryRunner.query(`DROP INDEX ix_payloads_${column}_created_at_id`);
      await queryRunner.query(`DROP INDEX ix_payloads_${column}_id`);
      await queryRunner.query(`CREATE INDEX ix_payloads_${column} ON payloads (${column})`);
    }
  }
}
