import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PayloadEntity } from './payload.entity';

/**
 * One `service:source` group of a payload, kept by the ingester (see `MAINTAIN_OUTCOMES_SQL`):
 * its state follows from the counts (failed when `failure_count > 0`, else succeeded when
 * `success_count > 0`, else in progress). `source_id` is 0 when the statuses had no source.
 */
@Entity({ name: 'payload_groups' })
@Index('ix_payload_groups_open_first_at', ['firstAt', 'serviceId', 'sourceId', 'lastAt'], {
  where: 'success_count = 0 AND failure_count = 0',
})
@Index('ix_payload_groups_failed_service', ['serviceId', 'sourceId', 'failedAt'], {
  where: 'failure_count > 0',
})
export class PayloadGroupEntity {
  /** `payloads.id` as decimal text. */
  @PrimaryColumn({
    name: 'payload_id',
    type: 'bigint',
    primaryKeyConstraintName: 'pk_payload_groups',
  })
  payloadId!: string;

  /** `services.id`. */
  @PrimaryColumn({
    name: 'service_id',
    type: 'integer',
    primaryKeyConstraintName: 'pk_payload_groups',
  })
  serviceId!: number;

  /** `sources.id`, or 0 for no source. */
  @PrimaryColumn({
    name: 'source_id',
    type: 'integer',
    primaryKeyConstraintName: 'pk_payload_groups',
  })
  sourceId!: number;

  /** Earliest status date of the group. */
  @Column({ name: 'first_at', type: 'timestamptz' })
  firstAt!: string;

  /** Latest status date of the group. */
  @Column({ name: 'last_at', type: 'timestamptz' })
  lastAt!: string;

  @Column({ name: 'status_count', type: 'integer' })
  statusCount!: number;

  @Column({ name: 'success_count', type: 'integer' })
  successCount!: number;

  @Column({ name: 'failure_count', type: 'integer' })
  failureCount!: number;

  /** `payload_statuses.id` of the latest status (ties: highest id). */
  @Column({ name: 'last_status_row', type: 'bigint' })
  lastStatusRow!: string;

  /** `statuses.id` of the latest status. */
  @Column({ name: 'last_status_id', type: 'integer' })
  lastStatusId!: number;

  /** Date of the earliest failing status, if any. */
  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true })
  failedAt!: string | null;

  @Column({ name: 'failed_status_row', type: 'bigint', nullable: true })
  failedStatusRow!: string | null;

  @Column({ name: 'failed_status_id', type: 'integer', nullable: true })
  failedStatusId!: number | null;

  @Column({ name: 'failed_status_msg', type: 'varchar', length: 4096, nullable: true })
  failedStatusMsg!: string | null;

  /** The payload; loaded only on request. */
  @ManyToOne(() => PayloadEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'payload_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'fk_payload_groups_payload_id',
  })
  payload?: PayloadEntity;
}
