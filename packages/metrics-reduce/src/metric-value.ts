/** A metric value as it appears in JSON: a finite number, or one of the non-finite string tokens. */
export type JsonMetricValue = number | 'NaN' | 'Infinity' | '-Infinity';

/**
 * Decode a JSON metric value: a finite number as is, and the strings `"NaN"`, `"Infinity"`,
 * `"-Infinity"` as the non-finite numbers. Anything else → `undefined` (the caller reports where).
 */
export function decodeMetricValue(raw: unknown): number | undefined {
  if (typeof raw === 'number') return raw;
  if (raw === 'NaN') return Number.NaN;
  if (raw === 'Infinity') return Number.POSITIVE_INFINITY;
  if (raw === '-Infinity') return Number.NEGATIVE_INFINITY;
  return undefined;
}

/** Encode a number for JSON: finite numbers as is, non-finite ones as `"NaN"`, `"Infinity"`, `"-Infinity"`. */
export function encodeMetricValue(value: number): JsonMetricValue {
  if (Number.isFinite(value)) return value;
  if (Number.isNaN(value)) return 'NaN';
  return value > 0 ? 'Infinity' : '-Infinity';
}

/** The JSON text of one metric value (`-0` prints as `0`, as JSON.stringify does). */
export function metricValueJson(value: number): string {
  return Number.isFinite(value) ? JSON.stringify(value) : `"${encodeMetricValue(value)}"`;
}
