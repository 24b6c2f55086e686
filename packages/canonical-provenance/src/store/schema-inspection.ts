import { P0_DIMENSIONS, type P0Dimension } from '../p0-dimensions.js';
import { StoreInputError } from '../store-errors.js';

export type SchemaGate = 'READY' | 'INFEASIBLE_UNTIL_SCHEMA';

export interface DimensionCoverage {
  readonly persisted: boolean;
  /** The column holding it; null when not persisted. */
  readonly column: string | null;
  /** The column's SQL type; null when not persisted. */
  readonly type: string | null;
}

/**
 * Which P0 dimensions a canonical source persists, and the gate (architecture seed §4bis): P0 can be
 * evaluated only when every required dimension is persisted; otherwise the work is
 * INFEASIBLE_UNTIL_SCHEMA and `missing` says what the schema must gain first.
 */
export interface SchemaInspection {
  readonly source: { readonly kind: 'store' | 'mapped'; readonly table: string; readonly exists: boolean };
  readonly gate: SchemaGate;
  readonly required: readonly P0Dimension[];
  readonly persisted: readonly P0Dimension[];
  readonly missing: readonly P0Dimension[];
  readonly dimensions: Readonly<Record<P0Dimension, DimensionCoverage>>;
}

/** The required dimensions, checked: only P0 dimensions, at least one. Default: all six. */
export function requiredDimensions(dims: readonly string[] | undefined): P0Dimension[] {
  if (dims === undefined) return [...P0_DIMENSIONS];
  if (dims.length === 0) throw new StoreInputError('requiredDims', 'name at least one P0 dimension');
  for (const dim of dims) {
    if (!(P0_DIMENSIONS as readonly string[]).includes(dim)) throw new StoreInputError('requiredDims', `${JSON.stringify(dim)} is not a P0 dimension (${P0_DIMENSIONS.join(', ')})`);
  }
  return [...new Set(dims)] as P0Dimension[];
}

/** The report, from where each dimension lives (null = not persisted). */
export function buildInspection(
  source: SchemaInspection['source'],
  located: Readonly<Record<P0Dimension, { readonly column: string; readonly type: string } | null>>,
  required: readonly P0Dimension[],
): SchemaInspection {
  const dimensions = {} as Record<P0Dimension, DimensionCoverage>;
  for (const dim of P0_DIMENSIONS) {
    const where = located[dim];
    dimensions[dim] = where === null ? { persisted: false, column: null, type: null } : { persisted: true, column: where.column, type: where.type };
  }
  const persisted = P0_DIMENSIONS.filter((dim) => dimensions[dim].persisted);
  const missing = P0_DIMENSIONS.filter((dim) => !dimensions[dim].persisted);
  const gate: SchemaGate = required.every((dim) => dimensions[dim].persisted) ? 'READY' : 'INFEASIBLE_UNTIL_SCHEMA';
  return { source, gate, required, persisted, missing, dimensions };
}
