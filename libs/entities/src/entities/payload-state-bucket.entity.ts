import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Per minute (`width_minutes` 1) or hour (60): payloads that started then and are now succeeded or failed. */
@Entity({ name: 'payload_state_buckets' })
export class PayloadStateBucketEntity {
  @PrimaryColumn({
    name: 'width_minutes',
    type: 'smallint',
    primaryKeyConstraintName: 'pk_payload_state_buckets',
  })
  widthMinutes!: number;

  @PrimaryColumn({
    name: 'bucket_start',
    type: 'timestamptz',
    primaryKeyConstraintName: 'pk_payload_state_buckets',
  })
  bucketStart!: string;

  @Column({ name: 'succeeded', type: 'integer' })
  succeeded!: number;

  @Column({ name: 'failed', type: 'integer' })
  failed!: number;
}
