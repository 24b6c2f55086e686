/**
 * The element storage of a decoded array, in C order and native (little-endian) byte order:
 * - `|b1` → Uint8Array (0/1), `|i1` Int8Array, `|u1` Uint8Array, `<i2` Int16Array, `<u2` Uint16Array,
 *   `<i4` Int32Array, `<u4` Uint32Array, `<i8` BigInt64Array, `<u8` BigUint64Array,
 * - `<f2` → Uint16Array of the raw IEEE-754 binary16 bits (see `halfToNumber`), `<f4` Float32Array,
 *   `<f8` Float64Array,
 * - `<c8` / `<c16` → Float32Array / Float64Array of interleaved (real, imaginary) pairs, length 2·size,
 * - `<U<n>` → string[] (trailing NULs stripped, as numpy does); `|S<n>` → string[] of latin-1 characters
 *   (one char per byte, trailing NULs stripped).
 */
export type NpyData =
  | Uint8Array
  | Int8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | Float32Array
  | Float64Array
  | string[];

/** One array: `dtype` is a numpy descr in native order (`<f4`, `|b1`, `<U7`, `|S3`). */
export interface NpyArray {
  dtype: string;
  shape: number[];
  data: NpyData;
}

/** A decoded `.npz` member: the array name as `np.load` keys it, the descr and order as stored, and the array. */
export interface NpzMember {
  name: string;
  /** The descr string as read from the file (e.g. `>f8`), before conversion to native order. */
  descr: string;
  fortranOrder: boolean;
  array: NpyArray;
}

function inferDtype(data: NpyData): string {
  if (Array.isArray(data)) {
    let longest = 1;
    for (const s of data) longest = Math.max(longest, [...s].length);
    return `<U${longest}`;
  }
  if (data instanceof Float64Array) return '<f8';
  if (data instanceof Float32Array) return '<f4';
  if (data instanceof BigInt64Array) return '<i8';
  if (data instanceof BigUint64Array) return '<u8';
  if (data instanceof Int32Array) return '<i4';
  if (data instanceof Uint32Array) return '<u4';
  if (data instanceof Int16Array) return '<i2';
  if (data instanceof Uint16Array) return '<u2';
  if (data instanceof Int8Array) return '|i1';
  return '|u1';
}

/**
 * Build an array from data, inferring the dtype from the typed array (string[] → `<U<longest>`) and the
 * shape (default: one dimension). Pass `dtype` for `|b1`, `<f2`, complex or `|S<n>`.
 */
export function npyArray(data: NpyData, shape?: readonly number[], dtype?: string): NpyArray {
  return { dtype: dtype ?? inferDtype(data), shape: shape === undefined ? [data.length] : [...shape], data };
}
