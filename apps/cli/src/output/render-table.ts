export type Cell = string | number | boolean | null | undefined;

function show(value: Cell): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return formatNumber(value);
  return String(value);
}

/**
 * A number printed for people: its shortest round-trip representation (the digits that read back as
 * exactly this double), so values users compare at 1e-11 differ visibly when they differ.
 */
export function formatNumber(value: number): string {
  return Object.is(value, -0) ? '0' : String(value);
}

/** A plain-text table with a header row and aligned columns. */
export function renderTable(columns: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const text = rows.map((row) => columns.map((_, i) => show(row[i])));
  const widths = columns.map((c, i) => Math.max(c.length, ...text.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return `${[line(columns), line(widths.map((w) => '-'.repeat(w))), ...text.map(line)].join('\n')}\n`;
}

/** Aligned `key  value` lines. */
export function renderKeyValues(pairs: readonly (readonly [string, Cell])[]): string {
  const width = Math.max(0, ...pairs.map(([k]) => k.length));
  return `${pairs.map(([k, v]) => `${k.padEnd(width)}  ${show(v)}`).join('\n')}\n`;
}
