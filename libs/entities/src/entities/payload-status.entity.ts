import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { QUERY_INDEX_NAMES, SHORT_STATUS_MSG_MAX_BYTES } from '../schema/schema-constants';
import { PayloadEntity } from './payload.entity';
import { ServiceEntity } from './service.entity';
import { SourceEntity } from './source.entity';
import { StatusEntity } from './status.entity';

/**
 * One status of a payload. The table is range-partitioned by `date` (one partition a day),
 * which is why `date` is part of the primary key and of every unique index.
 *
 * Timestamps are raw PostgreSQL text and ids int8 text (see `installPgTypeParsers`).
 */
@Entity({ name: 'payload_statuses' })
@Index('ux_payload_statuses_dedupe', ['dedupeKey', 'date'], { unique: true })
@Index('ix_payload_statuses_payload_id_date', ['payloadId', 'date'])
@Index('ix_payload_statuses_service_id_date', ['serviceId', 'date'])
@Index('ix_payload_statuses_status_id_date', ['statusId', 'date'])
@Index('ix_payload_statuses_source_id_date', ['sourceId', 'date'])
@Index('ix_payload_statuses_date_id', ['date', 'id'])
@Index('ix_payload_statuses_created_at_id', ['createdAt', 'id'])
@Index('ix_payload_statuses_service_id_id', ['serviceId', 'id'])
@Index('ix_payload_statuses_status_id_id', ['statusId', 'id'])
@Index('ix_payload_statuses_source_id_id', ['sourceId', 'id'])
@Index(QUERY_INDEX_NAMES.futureDatedDateId, ['date', 'id'], { where: 'created_at < date' })
@Index(QUERY_INDEX_NAMES.shortStatusMsgDate, ['statusMsg', 'date'], {
  where: `octet_length(status_msg) <= ${SHORT_STATUS_MSG_MAX_BYTES.toString()}`,
})
// Plus QUERY_INDEX_NAMES.statusMsgPrefixId / statusMsgPrefixDate on
// left(status_msg, STATUS_MSG_INDEXED_PREFIX), which TypeORM cannot declare (expression indexes).
export class PayloadStatusEntity {
  /** From the sequence `payload_statuses_id_seq`, as decimal text. */
  @PrimaryColumn({
    name: 'id',
    type: 'bigint',
    primaryKeyConstraintName: 'pk_payload_statuses',
    default: () => "nextval('payload_statuses_id_seq')",
  })
  id!: string;

  /** When the status happened, at the producer (timestamptz text); the partition key. */
  @PrimaryColumn({
    name: 'date',
    type: 'timestamptz',
    primaryKeyConstraintName: 'pk_payload_statuses',
  })
  date!: string;

  /** `payloads.id` as decimal text. */
  @Column({ name: 'payload_id', type: 'bigint' })
  payloadId!: string;

  /** `services.id`. */
  @Column({ name: 'service_id', type: 'integer' })
  serviceId!: number;

  /** `sources.id`, null when the status had no source. */
  @Column({ name: 'source_id', type: 'integer', nullable: true })
  sourceId!: number | null;

  /** `statuses.id`. */
  @Column({ name: 'status_id', type: 'integer' })
  statusId!: number;

  /** Free text sent with the status, mostly for errors. */
  @Column({ name: 'status_msg', type: 'varchar', length: 4096, nullable: true })
  statusMsg!: string | null;

  /** When the row was stored (timestamptz text). */
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: string;

  /** `md5(statusFingerprint(message))::uuid`: makes an exact redelivery a conflicting insert. */
  @Column({ name: 'dedupe_key', type: 'uuid' })
  dedupeKey!: string;

  /** The payload; loaded only on request. */
  @ManyToOne(() => PayloadEntity, {
    onDelete: 'CASCADE',
  })
  @JoinColumn({
    name: 'payload_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'fk_payload_statuses_payload_id',
  })
  payload?: PayloadEntity;

  /** The reporting service; loaded only on request. */
  @ManyToOne(() => ServiceEntity)
  @JoinColumn({
    name: 'service_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'fk_payload_statuses_service_id',
  })
  service?: ServiceEntity;

  /** The source, if any; loaded only on request. */
  @ManyToOne(() => SourceEntity, { nullable: true })
  @JoinColumn({
    name: 'source_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'fk_payload_statuses_source_id',
  })
  source?: SourceEntity | null;

  /** The status word; loaded only on request. */
  @ManyToOne(() => StatusEntity)
  @JoinColumn({
    name: 'status_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'fk_payload_statuses_status_id',
  })
  status?: StatusEntity;
}
