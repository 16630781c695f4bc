import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A service that reports statuses (`ingress`, `puptoo`, ...); rows are created on first sight. */
@Entity({ name: 'services' })
@Unique('uq_services_name', ['name'])
export class ServiceEntity {
  /** Identity key; small on purpose, it is repeated in every status row. */
  @PrimaryGeneratedColumn('identity', {
    type: 'integer',
    generatedIdentity: 'BY DEFAULT',
    primaryKeyConstraintName: 'pk_services',
  })
  id!: number;

  /** Normalised (trimmed, lower-cased) service name. */
  @Column({ name: 'name', type: 'varchar', length: 255 })
  name!: string;
}
