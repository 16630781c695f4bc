import type { DataSource } from 'typeorm';
import type { ColumnShape, ForeignKeyAction, KeyShape, TableShape } from './table-shape';

/** A table of the current schema; a partition is never one (its parent is). */
const TABLE_SQL = `
  SELECT c.oid::text AS oid
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = current_schema() AND c.relname = $1
     AND c.relkind IN ('r', 'p') AND NOT c.relispartition`;

const COLUMNS_SQL = `
  SELECT column_name AS name, data_type, udt_name, character_maximum_length,
         is_nullable = 'YES' AS is_nullable, identity_generation, column_default
    FROM information_schema.columns
   WHERE table_schema = current_schema() AND table_name = $1
   ORDER BY ordinal_position`;

/** Primary key, unique constraints and foreign keys, with their columns in key order. */
const CONSTRAINTS_SQL = `
  SELECT con.conname AS name, con.contype AS type,
         ARRAY(SELECT a.attname::text
                 FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, position)
                 JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
                ORDER BY k.position) AS columns,
         CASE WHEN con.contype = 'f' THEN con.confrelid::regclass::text END AS referenced_table,
         ARRAY(SELECT a.attname::text
                 FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, position)
                 JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
                ORDER BY k.position) AS referenced_columns,
         con.confdeltype AS on_delete, con.confupdtype AS on_update
    FROM pg_constraint con
   WHERE con.conrelid = $1::oid AND con.contype IN ('p', 'u', 'f')
   ORDER BY con.conname`;

/**
 * Indexes not owned by a constraint. On a partitioned table these are the parent's
 * partitioned indexes; each partition's copies hang off the partitions.
 */
const INDEXES_SQL = `
  SELECT ic.relname AS name, i.indisunique AS is_unique,
         pg_get_expr(i.indpred, i.indrelid, true) AS predicate,
         ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true)
                 FROM generate_series(1, i.indnkeyatts) AS k ORDER BY k) AS columns,
         EXISTS (SELECT 1 FROM generate_series(0, i.indnkeyatts - 1) AS k
                  WHERE i.indkey[k] = 0) AS has_expressions
    FROM pg_index i
    JOIN pg_class ic ON ic.oid = i.indexrelid
   WHERE i.indrelid = $1::oid
     AND NOT EXISTS (SELECT 1 FROM pg_constraint con
                      WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid
                        AND con.contype IN ('p', 'u', 'x'))
   ORDER BY ic.relname`;

interface ColumnRow {
  name: string;
  data_type: string;
  udt_name: string;
  character_maximum_length: number | null;
  is_nullable: boolean;
  identity_generation: 'ALWAYS' | 'BY DEFAULT' | null;
  column_default: string | null;
}

interface ConstraintRow {
  name: string;
  type: 'p' | 'u' | 'f';
  columns: string[];
  referenced_table: string | null;
  referenced_columns: string[];
  on_delete: string;
  on_update: string;
}

interface IndexRow {
  name: string;
  is_unique: boolean;
  predicate: string | null;
  columns: string[];
  has_expressions: boolean;
}

/** `pg_constraint.confdeltype` / `confupdtype` codes. */
const ACTIONS: Readonly<Record<string, ForeignKeyAction>> = {
  a: 'NO ACTION',
  r: 'RESTRICT',
  c: 'CASCADE',
  n: 'SET NULL',
  d: 'SET DEFAULT',
};

function actionOf(code: string): ForeignKeyAction {
  const action = ACTIONS[code];
  if (action === undefined) throw new Error(`readTableShape: unknown foreign key action ${code}`);
  return action;
}

function columnShapeOf(row: ColumnRow): ColumnShape {
  return {
    name: row.name,
    dataType: row.data_type,
    udtName: row.udt_name,
    maxLength: row.character_maximum_length,
    isNullable: row.is_nullable,
    identity: row.identity_generation,
    default: row.column_default,
  };
}

function keyOf(row: ConstraintRow): KeyShape {
  return { name: row.name, columns: row.columns };
}

/**
 * A table of the migrated schema as `information_schema` and `pg_catalog` describe it, or null
 * when the current schema has no such table. For a partitioned table this is the parent:
 * its columns, constraints and partitioned indexes.
 */
export async function readTableShape(
  dataSource: DataSource,
  table: string,
): Promise<TableShape | null> {
  const [found] = await dataSource.query<{ oid: string }[]>(TABLE_SQL, [table]);
  if (found === undefined) return null;
  const columns = await dataSource.query<ColumnRow[]>(COLUMNS_SQL, [table]);
  const constraints = await dataSource.query<ConstraintRow[]>(CONSTRAINTS_SQL, [found.oid]);
  const indexes = await dataSource.query<IndexRow[]>(INDEXES_SQL, [found.oid]);
  const primaryKey = constraints.find((row) => row.type === 'p');
  return {
    table,
    columns: columns.map(columnShapeOf),
    primaryKey: primaryKey === undefined ? null : keyOf(primaryKey),
    uniques: constraints.filter((row) => row.type === 'u').map(keyOf),
    indexes: indexes.map((row) => ({
      name: row.name,
      columns: row.columns,
      isUnique: row.is_unique,
      where: row.predicate,
      hasExpressions: row.has_expressions,
    })),
    foreignKeys: constraints
      .filter((row) => row.type === 'f')
      .map((row) => ({
        ...keyOf(row),
        referencedTable: row.referenced_table ?? '',
        referencedColumns: row.referenced_columns,
        onDelete: actionOf(row.on_delete),
        onUpdate: actionOf(row.on_update),
      })),
  };
}
