import { describeEntityMismatches, normalizeSqlExpression } from './describe-entity-mismatches';
import type { ColumnShape, IndexShape, TableShape } from './table-shape';

const ID: ColumnShape = {
  name: 'id',
  dataType: 'integer',
  udtName: 'int4',
  maxLength: null,
  isNullable: false,
  identity: 'BY DEFAULT',
  default: null,
};
const NAME: ColumnShape = {
  name: 'name',
  dataType: 'character varying',
  udtName: 'varchar',
  maxLength: 255,
  isNullable: false,
  identity: null,
  default: null,
};
const PARENT_ID: ColumnShape = { ...ID, name: 'parent_id', isNullable: true, identity: null };
const CREATED_AT: ColumnShape = {
  name: 'created_at',
  dataType: 'timestamp with time zone',
  udtName: 'timestamptz',
  maxLength: null,
  isNullable: false,
  identity: null,
  default: 'now()',
};
const SHORT_NAME_INDEX: IndexShape = {
  name: 'ix_services_short_name',
  columns: ['name'],
  isUnique: false,
  where: 'octet_length(name) <= 64',
  hasExpressions: false,
};
const CREATED_AT_INDEX: IndexShape = {
  name: 'ix_services_created_at_id',
  columns: ['created_at', 'id'],
  isUnique: false,
  where: null,
  hasExpressions: false,
};

/** `services` as its entity declares it. */
const ENTITY: TableShape = {
  table: 'services',
  columns: [ID, NAME, PARENT_ID, CREATED_AT],
  primaryKey: { name: 'pk_services', columns: ['id'] },
  uniques: [{ name: 'uq_services_name', columns: ['name'] }],
  indexes: [CREATED_AT_INDEX, SHORT_NAME_INDEX],
  foreignKeys: [
    {
      name: 'fk_services_parent_id',
      columns: ['parent_id'],
      referencedTable: 'services',
      referencedColumns: ['id'],
      onDelete: 'CASCADE',
      onUpdate: 'NO ACTION',
    },
  ],
};

/** The same table as PostgreSQL prints it back, plus an expression index no entity can declare. */
const SCHEMA: TableShape = {
  ...ENTITY,
  indexes: [
    CREATED_AT_INDEX,
    { ...SHORT_NAME_INDEX, where: '(octet_length((name)::text) <= 64)' },
    {
      name: 'ix_services_name_prefix',
      columns: ['"left"(name::text, 8)'],
      isUnique: false,
      where: null,
      hasExpressions: true,
    },
  ],
};

function withColumn(shape: TableShape, name: string, change: Partial<ColumnShape>): TableShape {
  return {
    ...shape,
    columns: shape.columns.map((column) =>
      column.name === name ? { ...column, ...change } : column,
    ),
  };
}

function withIndex(shape: TableShape, name: string, change: Partial<IndexShape>): TableShape {
  return {
    ...shape,
    indexes: shape.indexes.map((index) => (index.name === name ? { ...index, ...change } : index)),
  };
}

describe('describeEntityMismatches', () => {
  it('finds nothing when the entity declares what the schema holds, in either spelling', () => {
    expect(describeEntityMismatches(ENTITY, SCHEMA)).toEqual([]);
  });

  it('reports a table that is not in the schema', () => {
    expect(describeEntityMismatches(ENTITY, null)).toEqual(['services: table not in the schema']);
  });

  it.each<[string, TableShape, string[]]>([
    [
      'another varchar length',
      withColumn(ENTITY, 'name', { maxLength: 100 }),
      [
        'services.name: type varchar(100) (character varying) in the entity, varchar(255) (character varying) in the schema',
      ],
    ],
    [
      'another type',
      withColumn(ENTITY, 'id', { dataType: 'bigint', udtName: 'int8' }),
      ['services.id: type int8 (bigint) in the entity, int4 (integer) in the schema'],
    ],
    [
      'an array of the column type',
      withColumn(ENTITY, 'id', { dataType: 'ARRAY', udtName: '_int4' }),
      ['services.id: type _int4 in the entity, int4 (integer) in the schema'],
    ],
    [
      'other nullability',
      withColumn(ENTITY, 'parent_id', { isNullable: false }),
      ['services.parent_id: nullability NOT NULL in the entity, NULL in the schema'],
    ],
    [
      'another identity generation',
      withColumn(ENTITY, 'id', { identity: 'ALWAYS' }),
      ['services.id: identity ALWAYS in the entity, BY DEFAULT in the schema'],
    ],
    [
      'a missing default',
      withColumn(ENTITY, 'created_at', { default: null }),
      ['services.created_at: default none in the entity, now() in the schema'],
    ],
    [
      'a column the schema lacks',
      { ...ENTITY, columns: [...ENTITY.columns, { ...NAME, name: 'label' }] },
      ['services.label: declared by the entity, not in the schema'],
    ],
    [
      'a column the entity lacks',
      { ...ENTITY, columns: [ID, NAME, CREATED_AT] },
      ['services.parent_id: in the schema, not declared by the entity'],
    ],
    [
      'other primary key columns',
      { ...ENTITY, primaryKey: { name: 'pk_services', columns: ['id', 'created_at'] } },
      [
        'services: primary key pk_services (id, created_at) in the entity, pk_services (id) in the schema',
      ],
    ],
    [
      'another primary key name',
      { ...ENTITY, primaryKey: { name: 'PK_7c2c4a8ba24b4c0f1e9d', columns: ['id'] } },
      [
        'services: primary key PK_7c2c4a8ba24b4c0f1e9d (id) in the entity, pk_services (id) in the schema',
      ],
    ],
    [
      'a unique constraint the entity lacks',
      { ...ENTITY, uniques: [] },
      [
        'services: unique constraint uq_services_name (name) in the schema, not declared by the entity',
      ],
    ],
    [
      'other unique constraint columns',
      { ...ENTITY, uniques: [{ name: 'uq_services_name', columns: ['name', 'parent_id'] }] },
      [
        'services: unique constraint uq_services_name (name, parent_id) in the entity, unique constraint uq_services_name (name) in the schema',
      ],
    ],
    [
      'index columns in another order',
      withIndex(ENTITY, 'ix_services_created_at_id', { columns: ['id', 'created_at'] }),
      [
        'services: index ix_services_created_at_id (id, created_at) in the entity, index ix_services_created_at_id (created_at, id) in the schema',
      ],
    ],
    [
      'another index predicate',
      withIndex(ENTITY, 'ix_services_short_name', { where: 'octet_length(name) <= 63' }),
      [
        'services: index ix_services_short_name (name) WHERE octet_length(name) <= 63 in the entity, index ix_services_short_name (name) WHERE (octet_length((name)::text) <= 64) in the schema',
      ],
    ],
    [
      'another index uniqueness',
      withIndex(ENTITY, 'ix_services_created_at_id', { isUnique: true }),
      [
        'services: unique index ix_services_created_at_id (created_at, id) in the entity, index ix_services_created_at_id (created_at, id) in the schema',
      ],
    ],
    [
      'an index the schema lacks',
      {
        ...ENTITY,
        indexes: [...ENTITY.indexes, { ...CREATED_AT_INDEX, name: 'ix_services_parent_id' }],
      },
      [
        'services: index ix_services_parent_id (created_at, id) declared by the entity, not in the schema',
      ],
    ],
    [
      'a column index the entity lacks',
      { ...ENTITY, indexes: [SHORT_NAME_INDEX] },
      [
        'services: index ix_services_created_at_id (created_at, id) in the schema, not declared by the entity',
      ],
    ],
    [
      'another foreign key action',
      {
        ...ENTITY,
        foreignKeys: ENTITY.foreignKeys.map((key) => ({ ...key, onDelete: 'NO ACTION' as const })),
      },
      [
        'services: foreign key fk_services_parent_id (parent_id) references services (id) on delete NO ACTION on update NO ACTION in the entity, foreign key fk_services_parent_id (parent_id) references services (id) on delete CASCADE on update NO ACTION in the schema',
      ],
    ],
    [
      'another foreign key target',
      {
        ...ENTITY,
        foreignKeys: ENTITY.foreignKeys.map((key) => ({ ...key, referencedTable: 'sources' })),
      },
      [
        'services: foreign key fk_services_parent_id (parent_id) references sources (id) on delete CASCADE on update NO ACTION in the entity, foreign key fk_services_parent_id (parent_id) references services (id) on delete CASCADE on update NO ACTION in the schema',
      ],
    ],
  ])('reports %s', (_what, sut, expected) => {
    expect(describeEntityMismatches(sut, SCHEMA)).toEqual(expected);
  });

  it('reports every difference, not only the first', () => {
    const sut = withColumn(withColumn(ENTITY, 'name', { isNullable: true }), 'id', {
      identity: null,
    });
    expect(describeEntityMismatches(sut, SCHEMA)).toHaveLength(2);
  });
});

describe('normalizeSqlExpression', () => {
  it.each([
    ['(octet_length((status_msg)::text) <= 1024)', 'octet_length(status_msg) <= 1024'],
    ['(created_at < date)', 'created_at < date'],
    ["nextval('payload_statuses_id_seq'::regclass)", "nextval('payload_statuses_id_seq')"],
    ['"left"((status_msg)::text, 256)', 'left(status_msg, 256)'],
    ["('x'::character varying)", "'x'"],
    ['(created_at)::timestamp with time zone', 'created_at'],
    ['now()', 'now( )'],
  ])('reads %s as %s', (printed, declared) => {
    expect(normalizeSqlExpression(printed)).toBe(normalizeSqlExpression(declared));
  });

  it.each([
    ['(octet_length((status_msg)::text) <= 1024)', 'octet_length(status_msg) <= 1023'],
    ['(created_at < date)', 'date < created_at'],
    ['(a < b) AND (c < d)', 'a < (b AND c) < d'],
    ['"left"((status_msg)::text, 256)', 'left(status_msg, 255)'],
  ])('tells %s from %s', (printed, declared) => {
    expect(normalizeSqlExpression(printed)).not.toBe(normalizeSqlExpression(declared));
  });

  it('keeps the parentheses that group', () => {
    expect(normalizeSqlExpression('(a < b) AND (c < d)')).toBe('(a<b)AND(c<d)');
  });
});
