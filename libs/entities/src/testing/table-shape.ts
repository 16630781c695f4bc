/**
 * One table as an entity declares it or as the migrated schema holds it, in PostgreSQL's own
 * terms, so that the two can be compared field by field (see `describeEntityMismatches`).
 */
export interface TableShape {
  readonly table: string;
  /** In declaration (entity) or ordinal (schema) order; compared by name. */
  readonly columns: readonly ColumnShape[];
  readonly primaryKey: KeyShape | null;
  /** Unique constraints (`@Unique`, `CONSTRAINT ... UNIQUE`); unique indexes are in `indexes`. */
  readonly uniques: readonly KeyShape[];
  /** Indexes other than those backing the primary key and the unique constraints. */
  readonly indexes: readonly IndexShape[];
  readonly foreignKeys: readonly ForeignKeyShape[];
}

/** A column: type as `information_schema.columns` spells it (`data_type`, `udt_name`). */
export interface ColumnShape {
  readonly name: string;
  /** `character varying`, `bigint`, `timestamp with time zone`, `ARRAY`... */
  readonly dataType: string;
  /** `varchar`, `int8`, `timestamptz`, `_int4`... */
  readonly udtName: string;
  /** `character_maximum_length` of a varchar or char column; null when unbounded or not text. */
  readonly maxLength: number | null;
  readonly isNullable: boolean;
  /** `GENERATED ... AS IDENTITY`, or null. */
  readonly identity: 'ALWAYS' | 'BY DEFAULT' | null;
  /** The default expression as written or printed (compared loosely), or null. */
  readonly default: string | null;
}

/** A named primary key or unique constraint and its columns, in key order. */
export interface KeyShape {
  readonly name: string;
  readonly columns: readonly string[];
}

/** A named index: key columns in order, or an expression's text where a key is one. */
export interface IndexShape extends KeyShape {
  readonly isUnique: boolean;
  /** The partial index predicate, or null. */
  readonly where: string | null;
  /** True when a key is an expression (`left(status_msg, 256)`), which TypeORM cannot declare. */
  readonly hasExpressions: boolean;
}

/** What a foreign key does when its referenced row is deleted or updated. */
export type ForeignKeyAction = 'NO ACTION' | 'RESTRICT' | 'CASCADE' | 'SET NULL' | 'SET DEFAULT';

/** A named foreign key. */
export interface ForeignKeyShape extends KeyShape {
  readonly referencedTable: string;
  readonly referencedColumns: readonly string[];
  readonly onDelete: ForeignKeyAction;
  readonly onUpdate: ForeignKeyAction;
}
