import { P0_DIMENSIONS, type SchemaInspection } from '@repro/canonical-provenance';
import { renderKeyValues, renderTable } from '../../output/render-table.js';

/** The P0 gate report for people: the gate, what is missing, and where each dimension lives. */
export function renderInspection(inspection: SchemaInspection): string {
  const head = renderKeyValues([
    ['table', `${inspection.source.table}${inspection.source.exists ? '' : ' (not created yet)'}`],
    ['P0 gate', inspection.gate],
    ['missing', inspection.missing.length === 0 ? 'none' : inspection.missing.join(', ')],
  ]);
  const rows = P0_DIMENSIONS.map((dim) => {
    const coverage = inspection.dimensions[dim];
    return [dim, coverage.persisted ? 'yes' : 'no', coverage.column, coverage.type, inspection.required.includes(dim) ? 'yes' : 'no'];
  });
  return `${head}\n${renderTable(['dimension', 'persisted', 'column', 'type', 'required'], rows)}`;
}
