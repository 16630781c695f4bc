import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PayloadEntity } from './payload.entity';

/**
 * The outcome of one payload (`outcomes.md`), what its `payload_groups` add up to, kept by the
 * ingester. `state` is `failed`, `succeeded` or `in_progress`; `stalled` is decided when read.
 * `created_at` equals `payloads.created_at`.
 */
@Entity({ name: 'payload_outcomes' })
@Index('ix_payload_outcomes_state_created_at_id', ['state', 'createdAt', 'payloadId'])
@Index('ix_payload_outcomes_state_last_status_at_id', ['state', 'lastStatusAt', 'payloadId'])
@Index('ix_payload_outcomes_last_status_at_id', ['lastStatusAt', 'payloadId'])
@Index(
  'ix_payload_outcomes_failed_service_created_at_id',
  ['failedServiceId', 'createdAt', 'payloadId'],
  {
    where: 'failed_service_id IS NOT NULL',
  },
)
export class PayloadOutcomeEntity {
  /** `payloads.id` as decimal text. */
  @PrimaryColumn({
    name: 'payload_id',
    type: 'bigint',
    primaryKeyConstraintName: 'pk_payload_outcomes',
  })
  payloadId!: string;

  @Column({ name: 'state', type: 'varchar', length: 16 })
  state!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: string;

  /** Distinct statuses stored. */
  @Column({ name: 'status_count', type: 'integer' })
  statusCount!: number;

  @Column({ name: 'last_status_at', type: 'timestamptz' })
  lastStatusAt!: string;

  @Column({ name: 'last_status_row', type: 'bigint' })
  lastStatusRow!: string;

  @Column({ name: 'last_service_id', type: 'integer' })
  lastServiceId!: number;

  @Column({ name: 'last_source_id', type: 'integer', nullable: true })
  lastSourceId!: number | null;

  @Column({ name: 'last_status_id', type: 'integer' })
  lastStatusId!: number;

  /** Date of the earliest failing status, when failed. */
  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true })
  failedAt!: string | null;

  @Column({ name: 'failed_status_row', type: 'bigint', nullable: true })
  failedStatusRow!: string | null;

  @Column({ name: 'failed_service_id', type: 'integer', nullable: true })
  failedServiceId!: number | null;

  @Column({ name: 'failed_source_id', type: 'integer', nullable: true })
  failedSourceId!: number | null;

  @Column({ name: 'failed_status_id', type: 'integer', nullable: true })
  failedStatusId!: number | null;

  @Column({ name: 'failed_status_msg', type: 'varchar', length: 4096, nullable: true })
  failedStatusMsg!: string | null;

  /** The payload; loaded only on request. */
  @ManyToOne(() => PayloadEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'payload_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'fk_payload_outcomes_payload_id',
  })
  payload?: PayloadEntity;
}
