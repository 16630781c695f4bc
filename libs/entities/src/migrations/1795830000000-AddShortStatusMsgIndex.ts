import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Status messages of at most 1,024 bytes, whole: `status_msg = X` (with that length bound)
 * comes straight off this index, and its count is an index-only scan. The prefix index on
 * `left(status_msg, 256)` cannot answer either alone: PostgreSQL reads the row of every match
 * for an expression index, which made counting a common message the api's dearest statement.
 * Partial, so the NULL messages of most statuses cost ingestion nothing but the predicate (see
 * apps/api/README.md, "Query plans").
 */
export class AddShortStatusMsgIndex1795830000000 implements MigrationInterface {
  readonly name = 'AddShortStatusMsgIndex1795830000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX ix_payload_statuses_short_status_msg_date
         ON payload_statuses (status_msg, date) WHERE octet_length(status_msg) <= 1024`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ix_payload_statuses_short_status_msg_date`);
  }
}
