import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Statuses stored before their own `date` (a producer whose clock runs ahead). The api reads
 * `created_at < X` sorted by `date` as two branches: statuses stored after they happened, whose
 * `date` is then below X too (served by `ix_payload_statuses_date_id` from X down), and these,
 * which no such bound covers. Partial, so ingestion only maintains it for those rare rows
 * (see apps/api/README.md, "Query plans").
 */
export class AddFutureDatedStatusIndex1795829000000 implements MigrationInterface {
  readonly name = 'AddFutureDatedStatusIndex1795829000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX ix_payload_statuses_future_dated_date_id
         ON payload_statuses (date, id) WHERE created_at < date`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ix_payload_statuses_future_dated_date_id`);
  }
}
