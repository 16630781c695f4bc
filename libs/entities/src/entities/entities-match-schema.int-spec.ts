import type { TestDatabase } from '@payload-tracker/local-stack';
import { createTestDatabase } from '@payload-tracker/local-stack';
import { Column, DataSource, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ENTITY_CLASSES } from '../data-source/entity-classes';
import { describeEntityMismatches } from '../testing/describe-entity-mismatches';
import { entityShapeOf } from '../testing/entity-shape';
import { openTestDataSource } from '../testing/open-test-data-source';
import { readTableShape } from '../testing/read-table-shape';

/** `sources` as an entity that drifted from its migration, to prove the comparison bites. */
@Entity({ name: 'sources' })
@Index('ix_sources_name', ['name'])
class DriftedSourceEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', primaryKeyConstraintName: 'pk_sources' })
  id!: string;

  @Column({ name: 'name', type: 'varchar', length: 100, nullable: true })
  name!: string | null;

  @Column({ name: 'label', type: 'text' })
  label!: string;
}

describe('entities and the migrated schema', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    // Built from the options the apps use, which list ENTITY_CLASSES.
    dataSource = await openTestDataSource(database.url);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('has one entity for every table the migrations create', async () => {
    const tables = await dataSource.query<{ name: string }[]>(
      `SELECT c.relname AS name
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
          AND c.relname <> 'typeorm_migrations'
        ORDER BY 1`,
    );
    expect(dataSource.entityMetadatas.map((metadata) => metadata.target)).toEqual(
      expect.arrayContaining([...ENTITY_CLASSES]),
    );
    expect(dataSource.entityMetadatas.map((metadata) => metadata.tableName).sort()).toEqual(
      tables.map((table) => table.name),
    );
  });

  it.each(ENTITY_CLASSES.map((entity) => [entity.name, entity] as const))(
    '%s declares its table as the migrations left it',
    async (_name, entity) => {
      const metadata = dataSource.getMetadata(entity);
      const sut = describeEntityMismatches(
        entityShapeOf(metadata),
        await readTableShape(dataSource, metadata.tableName),
      );
      expect(sut).toEqual([]);
    },
  );

  it('compares the partitioned payload_statuses through its parent table', async () => {
    const shape = await readTableShape(dataSource, 'payload_statuses');
    expect(shape?.primaryKey).toEqual({ name: 'pk_payload_statuses', columns: ['id', 'date'] });
    expect(shape?.indexes.map((index) => index.name)).not.toContainEqual(
      expect.stringMatching(/^partition_/),
    );
    const [partition] = await dataSource.query<{ name: string }[]>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'payload_statuses'::regclass LIMIT 1`,
    );
    expect(partition).toBeDefined();
    expect(await readTableShape(dataSource, partition?.name ?? '')).toBeNull();
  });

  it('reports every way an entity drifted from its table', async () => {
    const drifted = await new DataSource({
      type: 'postgres',
      url: database.url,
      entities: [DriftedSourceEntity],
      synchronize: false,
      migrationsRun: false,
    }).initialize();
    try {
      const sut = describeEntityMismatches(
        entityShapeOf(drifted.getMetadata(DriftedSourceEntity)),
        await readTableShape(drifted, 'sources'),
      );
      expect(sut).toEqual([
        'sources.id: type int8 (bigint) in the entity, int4 (integer) in the schema',
        'sources.name: type varchar(100) (character varying) in the entity, varchar(255) (character varying) in the schema',
        'sources.name: nullability NULL in the entity, NOT NULL in the schema',
        'sources.label: declared by the entity, not in the schema',
        'sources: unique constraint uq_sources_name (name) in the schema, not declared by the entity',
        'sources: index ix_sources_name (name) declared by the entity, not in the schema',
      ]);
    } finally {
      await drifted.destroy();
    }
  });
});
