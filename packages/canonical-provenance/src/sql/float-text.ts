/**
 * A double as PostgreSQL float8 input text: JavaScript's shortest round-trip form, which PostgreSQL reads
 * back exactly; -0, NaN and ±Infinity spelled as PostgreSQL spells them (drivers turn -0 into 0).
 */
export function floatText(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  return Object.is(value, -0) ? '-0' : String(value);
}

/** A float8 parameter bound as text (`$n::float8`); null stays SQL NULL. */
export function floatParameter(value: number | null): string | null {
  return value === null ? null : floatText(value);
}

/** A `double precision[]` literal, bound as one text parameter (`$n::text::float8[]`). */
export function floatArrayLiteral(values: readonly number[]): string {
  return `{${values.map(floatText).join(',')}}`;
}

/** float8[] as the drivers return it (numbers, or the text forms of NaN/±Infinity) → numbers. */
export function readFloatArray(value: unknown): number[] {
  if (!Array.isArray(value)) throw new TypeError(`expected a float8[] value, got ${typeof value}`);
  return value.map((item) => (typeof item === 'number' ? item : Number(item)));
}
