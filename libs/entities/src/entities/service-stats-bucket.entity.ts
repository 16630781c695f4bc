import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Per `service:source` and minute (`width_minutes` 1) or hour (60): groups that started then and
 * are now succeeded or failed. `source_id` 0: no source.
 */
@Entity({ name: 'service_stats_buckets' })
export class ServiceStatsBucketEntity {
  @PrimaryColumn({
    name: 'width_minutes',
    type: 'smallint',
    primaryKeyConstraintName: 'pk_service_stats_buckets',
  })
  widthMinutes!: number;

  @PrimaryColumn({
    name: 'bucket_start',
    type: 'timestamptz',
    primaryKeyConstraintName: 'pk_service_stats_buckets',
  })
  bucketStart!: string;

  @PrimaryColumn({
    name: 'service_id',
    type: 'integer',
    primaryKeyConstraintName: 'pk_service_stats_buckets',
  })
  serviceId!: number;

  @PrimaryColumn({
    name: 'source_id',
    type: 'integer',
    primaryKeyConstraintName: 'pk_service_stats_buckets',
  })
  sourceId!: number;

  @Column({ name: 'succeeded', type: 'integer' })
  succeeded!: number;

  @Column({ name: 'failed', type: 'integer' })
  failed!: number;
}
