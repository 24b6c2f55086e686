/** A number exactly as the artefact holds it (shortest round-trip form): what the page's number cells show. */
export function exactNumber(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return String(value);
}

/** A number for chart labels and axes: six significant digits, shortest form. */
export function chartNumber(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(6))) : String(value);
}
