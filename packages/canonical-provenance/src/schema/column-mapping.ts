import { z } from 'zod';

const column = z.string({ error: 'must name a column' }).min(1, 'must name a column');
const optionalColumn = column.nullable().optional();

/**
 * How an existing results table maps onto a canonical run. `run_id`, `cell` and `value` are required.
 * `metric` unmapped: the table holds one metric, named after the value column. `recorded_at` (newest
 * wins) or `canonical` (a boolean column) choose among several rows of a (cell, metric). A P0
 * dimension that is unmapped or mapped to null is not persisted by that table.
 */
export const columnMappingSchema = z.strictObject({
  table: z.string({ error: 'must name a table (table or schema.table)' }).min(1, 'must name a table (table or schema.table)'),
  columns: z.strictObject({
    run_id: column,
    cell: column,
    value: column,
    metric: optionalColumn,
    recorded_at: optionalColumn,
    canonical: optionalColumn,
    build_sha: optionalColumn,
    instance_type: optionalColumn,
    feature_versions: optionalColumn,
    artifact_versions: optionalColumn,
    os: optionalColumn,
    lib_versions: optionalColumn,
  }),
});

export type ColumnMapping = z.input<typeof columnMappingSchema>;
export type ParsedColumnMapping = z.output<typeof columnMappingSchema>;
/** The keys a mapping may name. */
export const MAPPING_KEYS = Object.keys(columnMappingSchema.shape.columns.shape) as readonly (keyof ParsedColumnMapping['columns'])[];
