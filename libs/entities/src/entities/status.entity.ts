import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A status word (`received`, `success`, `error`, ...); rows are created on first sight. */
@Entity({ name: 'statuses' })
@Unique('uq_statuses_name', ['name'])
export class StatusEntity {
  /** Identity key; small on purpose, it is repeated in every status row. */
  @PrimaryGeneratedColumn('identity', {
    type: 'integer',
    generatedIdentity: 'BY DEFAULT',
    primaryKeyConstraintName: 'pk_statuses',
  })
  id!: number;

  /** Normalised (trimmed, lower-cased) status name. */
  @Column({ name: 'name', type: 'varchar', length: 255 })
  name!: string;
}
