import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * One uploaded payload (one `request_id`).
 *
 * Timestamps are raw PostgreSQL text (`2026-11-28 10:00:00.123456+00`, see
 * `installPgTypeParsers`) and ids are int8 text: `Date` and `number` would lose precision.
 */
@Entity({ name: 'payloads' })
@Unique('uq_payloads_request_id', ['requestId'])
// The indexes as the migrations leave them (AddQueryApiIndexes replaced the single-column ones).
@Index('ix_payloads_account_id', ['account', 'id'])
@Index('ix_payloads_account_created_at_id', ['account', 'createdAt', 'id'])
@Index('ix_payloads_org_id_id', ['orgId', 'id'])
@Index('ix_payloads_org_id_created_at_id', ['orgId', 'createdAt', 'id'])
@Index('ix_payloads_inventory_id_id', ['inventoryId', 'id'])
@Index('ix_payloads_inventory_id_created_at_id', ['inventoryId', 'createdAt', 'id'])
@Index('ix_payloads_system_id_id', ['systemId', 'id'])
@Index('ix_payloads_system_id_created_at_id', ['systemId', 'createdAt', 'id'])
@Index('ix_payloads_created_at_id', ['createdAt', 'id'])
export class PayloadEntity {
  /** bigint identity, as decimal text. */
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'BY DEFAULT',
    primaryKeyConstraintName: 'pk_payloads',
  })
  id!: string;

  /** The payload's id on the platform. */
  @Column({ name: 'request_id', type: 'varchar', length: 255 })
  requestId!: string;

  /** Customer account number, filled in by whichever message carries it. */
  @Column({ name: 'account', type: 'varchar', length: 255, nullable: true })
  account!: string | null;

  /** Customer organisation id. */
  @Column({ name: 'org_id', type: 'varchar', length: 255, nullable: true })
  orgId!: string | null;

  /** Host id in inventory. */
  @Column({ name: 'inventory_id', type: 'varchar', length: 255, nullable: true })
  inventoryId!: string | null;

  /** Machine id of the host. */
  @Column({ name: 'system_id', type: 'varchar', length: 255, nullable: true })
  systemId!: string | null;

  /** Earliest status date seen for the payload (PostgreSQL timestamptz text). */
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: string;
}
