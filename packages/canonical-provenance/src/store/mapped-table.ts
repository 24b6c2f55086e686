import { isP0TextDimension, P0_DIMENSIONS, type P0Dimension } from '../p0-dimensions.js';
import { type ColumnMapping, columnMappingSchema, type ParsedColumnMapping } from '../schema/column-mapping.js';
import { parseStoreInput } from '../schema/parse-store-input.js';
import { quoteIdentifier, quoteTableName } from '../sql/quote-identifier.js';
import type { SqlQueryable } from '../sql/sql-client.js';
import { ColumnMappingError, StoredDataError } from '../store-errors.js';
import type { CanonicalLookup } from './canonical-lookup.js';
import { describeRelation } from './describe-relation.js';
import { readProvenance } from './read-row-values.js';
import { buildInspection, type SchemaInspection } from './schema-inspection.js';

/** A mapping checked against the table it names: every mapped column exists. */
export interface MappedTable {
  readonly mapping: ParsedColumnMapping;
  /** The quoted SQL name. */
  readonly relation: string;
  readonly columns: ReadonlyMap<string, string>;
}

/** Validates the mapping and checks it against the table: unknown table or column → ColumnMappingError naming it. */
export async function describeMappedTable(db: SqlQueryable, input: ColumnMapping): Promise<MappedTable> {
  const mapping = parseStoreInput(columnMappingSchema, input);
  const relation = quoteTableName('table', mapping.table).sql;
  const columns = await describeRelation(db, relation);
  if (columns === null) throw new ColumnMappingError('table', `no table or view ${JSON.stringify(mapping.table)} is visible here (use schema.table when it is not on the search_path)`);
  for (const [key, column] of Object.entries(mapping.columns)) {
    if (column === null || column === undefined) continue;
    if (!columns.has(column)) {
      throw new ColumnMappingError(`columns.${key}`, `${mapping.table} has no column ${JSON.stringify(column)} (its columns: ${[...columns.keys()].join(', ')})`);
    }
  }
  const flag = mapping.columns.canonical;
  if (flag !== null && flag !== undefined && columns.get(flag) !== 'boolean') {
    throw new ColumnMappingError('columns.canonical', `${mapping.table}.${flag} is ${columns.get(flag)}, not boolean: the canonical column must be a boolean flag`);
  }
  return { mapping, relation, columns };
}

export function inspectMappedTable(table: MappedTable, required: readonly P0Dimension[]): SchemaInspection {
  const located = {} as Record<P0Dimension, { column: string; type: string } | null>;
  for (const dim of P0_DIMENSIONS) {
    const column = table.mapping.columns[dim];
    located[dim] = column === null || column === undefined ? null : { column, type: table.columns.get(column)! };
  }
  return buildInspection({ kind: 'mapped', table: table.mapping.table, exists: true }, located, required);
}

/**
 * The canonical of (cell, metric) read from a mapped table, in a read-only transaction. Unmapped P0
 * dimensions come back null. Several candidate rows are told apart by `canonical` (a boolean flag) and
 * then `recorded_at` (newest wins); with neither mapped, several rows → ColumnMappingError.
 */
export async function readMappedCanonical(db: SqlQueryable, table: MappedTable, cell: string, metric: string): Promise<CanonicalLookup> {
  const { columns } = table.mapping;
  const q = quoteIdentifier;
  // No metric column: the table holds one metric, named after its value column.
  if ((columns.metric === null || columns.metric === undefined) && metric !== columns.value) return { present: false };
  const select = [
    `${q(columns.run_id)}::text as run_id`,
    `${q(columns.value)}::float8 as value`,
    ...P0_DIMENSIONS.map((dim: P0Dimension) => {
      const column = columns[dim];
      if (column === null || column === undefined) return `null as ${dim}`;
      return isP0TextDimension(dim) ? `${q(column)}::text as ${dim}` : `to_jsonb(${q(column)}) as ${dim}`;
    }),
  ];
  const params: unknown[] = [cell];
  const where = [`${q(columns.cell)}::text = $1`];
  if (columns.metric !== null && columns.metric !== undefined) {
    params.push(metric);
    where.push(`${q(columns.metric)}::text = $2`);
  }
  if (columns.canonical !== null && columns.canonical !== undefined) where.push(`${q(columns.canonical)} is true`);
  const ordered = columns.recorded_at !== null && columns.recorded_at !== undefined;
  const order = ordered ? ` order by ${q(columns.recorded_at!)} desc nulls last, ${q(columns.run_id)} desc` : '';
  const rows = await db.query<Record<string, unknown> & { run_id: string; value: number | null }>(
    `select ${select.join(', ')} from ${table.relation} where ${where.join(' and ')}${order} limit 2`,
    params,
  );
  const [row] = rows;
  if (row === undefined) return { present: false };
  if (rows.length > 1 && !ordered) {
    throw new ColumnMappingError(
      'columns.recorded_at',
      `${table.mapping.table} has several rows for cell ${JSON.stringify(cell)} metric ${JSON.stringify(metric)}: map recorded_at (the newest wins) or canonical (a boolean flag) to choose the canonical`,
    );
  }
  if (row.value === null || !Number.isFinite(Number(row.value))) {
    throw new StoredDataError(`${table.mapping.table} run ${row.run_id}: ${columns.value} is ${String(row.value)}, not a finite number`);
  }
  return { present: true, run_id: row.run_id, value: Number(row.value), provenance: readProvenance(row) };
}
