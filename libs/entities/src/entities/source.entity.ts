import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A third party on whose behalf a service acted (`inventory`, `insights-client`); rows are created on first sight. */
@Entity({ name: 'sources' })
@Unique('uq_sources_name', ['name'])
export class SourceEntity {
  /** Identity key; small on purpose, it is repeated in every status row. */
  @PrimaryGeneratedColumn('identity', {
    type: 'integer',
    generatedIdentity: 'BY DEFAULT',
    primaryKeyConstraintName: 'pk_sources',
  })
  id!: number;

  /** Normalised (trimmed, lower-cased) source name. */
  @Column({ name: 'name', type: 'varchar', length: 255 })
  name!: string;
}
