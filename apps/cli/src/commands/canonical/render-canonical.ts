import { type CanonicalLookup, P0_DIMENSIONS } from '@repro/canonical-provenance';
import { renderKeyValues } from '../../output/render-table.js';

function dimensionText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A canonical lookup for people: the run, its value and each P0 dimension (— when not held). */
export function renderCanonical(cell: string, metric: string, lookup: CanonicalLookup): string {
  if (!lookup.present) return `no canonical for cell ${cell}, metric ${metric}\n`;
  return renderKeyValues([
    ['cell', cell],
    ['metric', metric],
    ['run_id', lookup.run_id],
    ['value', lookup.value],
    ...P0_DIMENSIONS.map((dim) => [dim, dimensionText(lookup.provenance[dim])] as const),
  ]);
}
