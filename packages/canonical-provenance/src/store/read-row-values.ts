import { isP0TextDimension, type JsonDimensionValue, P0_DIMENSIONS, type Provenance } from '../p0-dimensions.js';

/** A timestamptz as the drivers return it (Date, or text) → ISO-8601 UTC. */
export function toIsoTimestamp(value: unknown): string {
  const date = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(date.getTime())) throw new TypeError(`not a timestamp: ${String(value)}`);
  return date.toISOString();
}

/** A text dimension read back: NULL or an empty string = not recorded. */
export function readTextDimension(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === 'string' ? value : String(value);
  return text === '' ? null : text;
}

/**
 * A JSON dimension read back: a jsonb object or array as is; a text column holding a JSON object or
 * array is parsed (so `'{"numpy": "1.26"}'` in a text column compares equal to the object); any other
 * text is a single version string. NULL, an empty string or JSON null = not recorded.
 */
export function readJsonDimension(value: unknown): JsonDimensionValue | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    if (value === '') return null;
    const trimmed = value.trim();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try {
        return JSON.parse(trimmed) as JsonDimensionValue;
      } catch {
        return value;
      }
    }
    return value;
  }
  if (typeof value === 'object') return value as JsonDimensionValue;
  return String(value);
}

/** An int8/int4 as either driver returns it (string or number) → number. */
export function toInteger(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

/** A JSON value as one bound text parameter (`$n::text::jsonb`); null/undefined → SQL NULL. */
export function jsonParameter(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

/** The P0 provenance of a row that has one column per dimension (absent columns read as null). */
export function readProvenance(row: Readonly<Record<string, unknown>>): Provenance {
  const provenance: Record<string, unknown> = {};
  for (const dim of P0_DIMENSIONS) provenance[dim] = isP0TextDimension(dim) ? readTextDimension(row[dim]) : readJsonDimension(row[dim]);
  return provenance as Provenance;
}
