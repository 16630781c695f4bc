import { Column, Entity, PrimaryColumn } from 'typeorm';

const PRIMARY_KEY = 'pk_service_duration_buckets';

/**
 * Per `service:source`, minute (`width_minutes` 1) or hour (60) and duration bin
 * (`DURATION_BIN_BOUNDS_MICROS`): how many groups whose last status fell then closed after a
 * duration in that bin. `source_id` 0: no source.
 */
@Entity({ name: 'service_duration_buckets' })
export class ServiceDurationBucketEntity {
  @PrimaryColumn({ name: 'width_minutes', type: 'smallint', primaryKeyConstraintName: PRIMARY_KEY })
  widthMinutes!: number;

  @PrimaryColumn({
    name: 'bucket_start',
    type: 'timestamptz',
    primaryKeyConstraintName: PRIMARY_KEY,
  })
  bucketStart!: string;

  @PrimaryColumn({ name: 'service_id', type: 'integer', primaryKeyConstraintName: PRIMARY_KEY })
  serviceId!: number;

  @PrimaryColumn({ name: 'source_id', type: 'integer', primaryKeyConstraintName: PRIMARY_KEY })
  sourceId!: number;

  @PrimaryColumn({ name: 'bin', type: 'smallint', primaryKeyConstraintName: PRIMARY_KEY })
  bin!: number;

  @Column({ name: 'groups', type: 'integer' })
  groups!: number;
}
