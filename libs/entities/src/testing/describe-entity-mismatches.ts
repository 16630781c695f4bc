import type { ColumnShape, ForeignKeyShape, IndexShape, KeyShape, TableShape } from './table-shape';

/** `::text`, `::regclass`, `::character varying(255)`, `::timestamp with time zone`, `::int4[]`. */
const CAST =
  /::[a-z_][a-z0-9_]*(?: varying| precision| with(?:out)? time zone)?(?:\(\d+(?:,\s*\d+)?\))?(?:\[\])?/gi;
/** A parenthesised identifier or number that is not a call's argument list: `((status_msg))`. */
const REDUNDANT_PARENTHESES = /(^|[^\w])\((\w+)\)/g;

function wrapsWhole(text: string): boolean {
  if (!text.startsWith('(') || !text.endsWith(')')) return false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth += 1;
    if (text[i] === ')') depth -= 1;
    if (depth === 0 && i < text.length - 1) return false;
  }
  return true;
}

/**
 * An index predicate or a column default, reduced so that what an entity declares and what
 * PostgreSQL prints back compare equal: `(octet_length((status_msg)::text) <= 1024)` and
 * `octet_length(status_msg) <= 1024` both become `octet_length(status_msg)<=1024`. Drops
 * quotes, casts, whitespace and redundant parentheses; case and literals are kept.
 */
export function normalizeSqlExpression(expression: string): string {
  let text = expression.replace(/"/g, '').replace(/\s+/g, ' ').replace(CAST, '').replace(/\s/g, '');
  for (let previous = ''; previous !== text;) {
    previous = text;
    text = text.replace(REDUNDANT_PARENTHESES, '$1$2');
  }
  while (wrapsWhole(text)) text = text.slice(1, -1);
  return text;
}

function sameExpression(a: string | null, b: string | null): boolean {
  return a === null || b === null
    ? a === b
    : normalizeSqlExpression(a) === normalizeSqlExpression(b);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

function formatType(column: ColumnShape): string {
  const length = column.maxLength === null ? '' : `(${column.maxLength.toString()})`;
  return column.dataType === 'ARRAY' || column.dataType === column.udtName
    ? `${column.udtName}${length}`
    : `${column.udtName}${length} (${column.dataType})`;
}

function formatKey(key: KeyShape): string {
  return `${key.name} (${key.columns.join(', ')})`;
}

function formatIndex(index: IndexShape): string {
  const where = index.where === null ? '' : ` WHERE ${index.where}`;
  return `${index.isUnique ? 'unique ' : ''}index ${formatKey(index)}${where}`;
}

function formatForeignKey(key: ForeignKeyShape): string {
  return `foreign key ${formatKey(key)} references ${key.referencedTable} (${key.referencedColumns.join(', ')}) on delete ${key.onDelete} on update ${key.onUpdate}`;
}

function columnMismatches(table: string, entity: ColumnShape, schema: ColumnShape): string[] {
  const at = `${table}.${entity.name}`;
  const mismatches: string[] = [];
  const either = (
    differs: boolean,
    what: string,
    entityValue: string,
    schemaValue: string,
  ): void => {
    if (differs) {
      mismatches.push(`${at}: ${what} ${entityValue} in the entity, ${schemaValue} in the schema`);
    }
  };
  either(
    entity.dataType !== schema.dataType ||
      entity.udtName !== schema.udtName ||
      entity.maxLength !== schema.maxLength,
    'type',
    formatType(entity),
    formatType(schema),
  );
  const nullability = (column: ColumnShape): string => (column.isNullable ? 'NULL' : 'NOT NULL');
  either(
    entity.isNullable !== schema.isNullable,
    'nullability',
    nullability(entity),
    nullability(schema),
  );
  either(
    entity.identity !== schema.identity,
    'identity',
    entity.identity ?? 'none',
    schema.identity ?? 'none',
  );
  either(
    !sameExpression(entity.default, schema.default),
    'default',
    entity.default ?? 'none',
    schema.default ?? 'none',
  );
  return mismatches;
}

/**
 * Compares two lists of named things (constraints, indexes): each name on one side only, and
 * each name on both sides whose definitions differ, is one line. `isUndeclarable` names what
 * the schema may hold without the entity declaring it.
 */
function namedMismatches<T extends { readonly name: string }>(
  table: string,
  entityItems: readonly T[],
  schemaItems: readonly T[],
  format: (item: T) => string,
  same: (entity: T, schema: T) => boolean,
  isUndeclarable: (item: T) => boolean = () => false,
): string[] {
  const mismatches: string[] = [];
  for (const entity of entityItems) {
    const schema = schemaItems.find((item) => item.name === entity.name);
    if (schema === undefined) {
      mismatches.push(`${table}: ${format(entity)} declared by the entity, not in the schema`);
    } else if (!same(entity, schema)) {
      mismatches.push(`${table}: ${format(entity)} in the entity, ${format(schema)} in the schema`);
    }
  }
  for (const schema of schemaItems) {
    if (!entityItems.some((item) => item.name === schema.name) && !isUndeclarable(schema)) {
      mismatches.push(`${table}: ${format(schema)} in the schema, not declared by the entity`);
    }
  }
  return mismatches;
}

/**
 * Every way an entity's declared shape differs from its table in the migrated schema, one
 * readable line each; empty when they agree. Columns (type with varchar length, nullability,
 * identity, default), the primary key, unique constraints, indexes and foreign keys are matched
 * by name in both directions, except indexes on expressions, which TypeORM cannot declare and
 * the schema may therefore hold alone. Key columns compare in order.
 */
export function describeEntityMismatches(entity: TableShape, schema: TableShape | null): string[] {
  if (schema === null) return [`${entity.table}: table not in the schema`];
  const table = entity.table;
  const mismatches: string[] = [];
  if (schema.table !== table) {
    mismatches.push(`${table}: compared with table ${schema.table}`);
  }
  for (const column of entity.columns) {
    const stored = schema.columns.find((candidate) => candidate.name === column.name);
    if (stored === undefined) {
      mismatches.push(`${table}.${column.name}: declared by the entity, not in the schema`);
    } else {
      mismatches.push(...columnMismatches(table, column, stored));
    }
  }
  for (const column of schema.columns) {
    if (!entity.columns.some((candidate) => candidate.name === column.name)) {
      mismatches.push(`${table}.${column.name}: in the schema, not declared by the entity`);
    }
  }
  const primaryKey = (key: KeyShape | null): string => (key === null ? 'none' : formatKey(key));
  if (
    entity.primaryKey?.name !== schema.primaryKey?.name ||
    !sameList(entity.primaryKey?.columns ?? [], schema.primaryKey?.columns ?? [])
  ) {
    mismatches.push(
      `${table}: primary key ${primaryKey(entity.primaryKey)} in the entity, ${primaryKey(schema.primaryKey)} in the schema`,
    );
  }
  mismatches.push(
    ...namedMismatches(
      table,
      entity.uniques,
      schema.uniques,
      (key) => `unique constraint ${formatKey(key)}`,
      (a, b) => sameList(a.columns, b.columns),
    ),
    ...namedMismatches(
      table,
      entity.indexes,
      schema.indexes,
      formatIndex,
      (a, b) =>
        sameList(a.columns, b.columns) &&
        a.isUnique === b.isUnique &&
        sameExpression(a.where, b.where),
      (index) => index.hasExpressions,
    ),
    ...namedMismatches(
      table,
      entity.foreignKeys,
      schema.foreignKeys,
      formatForeignKey,
      (a, b) =>
        sameList(a.columns, b.columns) &&
        a.referencedTable === b.referencedTable &&
        sameList(a.referencedColumns, b.referencedColumns) &&
        a.onDelete === b.onDelete &&
        a.onUpdate === b.onUpdate,
    ),
  );
  return mismatches;
}
