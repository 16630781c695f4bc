import { postgresTypeOf } from './entity-shape';

describe('postgresTypeOf', () => {
  it.each([
    ['varchar', 'character varying', 'varchar'],
    ['character varying', 'character varying', 'varchar'],
    ['char', 'character', 'bpchar'],
    ['text', 'text', 'text'],
    ['int', 'integer', 'int4'],
    ['integer', 'integer', 'int4'],
    ['int4', 'integer', 'int4'],
    ['smallint', 'smallint', 'int2'],
    ['bigint', 'bigint', 'int8'],
    ['int8', 'bigint', 'int8'],
    ['decimal', 'numeric', 'numeric'],
    ['float', 'double precision', 'float8'],
    ['bool', 'boolean', 'bool'],
    ['uuid', 'uuid', 'uuid'],
    ['timestamptz', 'timestamp with time zone', 'timestamptz'],
    ['timestamp', 'timestamp without time zone', 'timestamp'],
    ['date', 'date', 'date'],
    ['jsonb', 'jsonb', 'jsonb'],
  ])('spells TypeORM type %s as %s (%s)', (type, dataType, udtName) => {
    expect(postgresTypeOf(type)).toEqual({ dataType, udtName });
  });

  it('spells an array by its element type', () => {
    expect(postgresTypeOf('integer', true)).toEqual({ dataType: 'ARRAY', udtName: '_int4' });
  });

  it('refuses a type it cannot spell rather than guessing', () => {
    expect(() => postgresTypeOf('geometry')).toThrow(/no PostgreSQL spelling.*'geometry'/);
  });
});
