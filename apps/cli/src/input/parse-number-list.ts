import { invalidInput } from '../cli-error.js';

/**
 * `--flag 1,2.5,NaN` → numbers. Each item must parse as a JavaScript number literal (NaN, Infinity and
 * -Infinity included, so that callers can route them); anything else → exit 2 naming the flag and item.
 */
export function parseNumberList(flag: string, text: string): number[] {
  const items = text.split(',').map((item) => item.trim());
  return items.map((item, index) => {
    const value = item === '' ? Number.NaN : Number(item);
    const literal = item === 'NaN' || /^[+-]?Infinity$/.test(item);
    if (item === '' || (Number.isNaN(value) && !literal)) {
      throw invalidInput(`${flag}: item ${index + 1} (${JSON.stringify(item)}) is not a number`, { error: 'invalid_flag', flag, item: index + 1, value: item });
    }
    return value;
  });
}

/** A probability flag: every item strictly between 0 and 1. */
export function parseProbabilityList(flag: string, text: string): number[] {
  const values = parseNumberList(flag, text);
  values.forEach((value, index) => {
    if (!(value > 0 && value < 1)) {
      throw invalidInput(`${flag}: item ${index + 1} (${value}) must be strictly between 0 and 1`, { error: 'invalid_flag', flag, item: index + 1, value });
    }
  });
  return values;
}

/** A sample-size flag: every item an integer ≥ `min`. */
export function parseIntegerList(flag: string, text: string, min: number): number[] {
  const values = parseNumberList(flag, text);
  values.forEach((value, index) => {
    if (!(Number.isInteger(value) && value >= min)) {
      throw invalidInput(`${flag}: item ${index + 1} (${value}) must be an integer ≥ ${min}`, { error: 'invalid_flag', flag, item: index + 1, value });
    }
  });
  return values;
}

/** A flag that takes exactly one probability. */
export function parseProbability(flag: string, text: string): number {
  const values = parseProbabilityList(flag, text);
  if (values.length !== 1) throw invalidInput(`${flag}: expected one value, got ${values.length}`, { error: 'invalid_flag', flag });
  return values[0]!;
}

/** A flag that takes exactly one finite number, at least `min` when given. */
export function parseFiniteNumber(flag: string, text: string, options: { readonly min?: number } = {}): number {
  const values = parseNumberList(flag, text);
  const value = values[0]!;
  const min = options.min ?? Number.NEGATIVE_INFINITY;
  if (values.length !== 1 || !Number.isFinite(value) || value < min) {
    const wanted = options.min === undefined ? 'one finite number' : `one finite number ≥ ${options.min}`;
    throw invalidInput(`${flag}: must be ${wanted}, got ${JSON.stringify(text)}`, { error: 'invalid_flag', flag, value: text });
  }
  return value;
}

/** A flag that takes exactly one integer ≥ `min`. */
export function parseInteger(flag: string, text: string, min: number): number {
  const values = parseIntegerList(flag, text, min);
  if (values.length !== 1) throw invalidInput(`${flag}: expected one integer, got ${values.length}`, { error: 'invalid_flag', flag });
  return values[0]!;
}
