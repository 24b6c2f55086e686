type GrowableArray = Float64Array | Int32Array | Uint8Array;

/**
 * `array` if it already holds `length` elements, else a copy at least twice as long (amortised O(1)
 * growth) whose new tail is `fill`. The per-slot columns of snapshots, meters and accumulators all
 * grow this way, and only while new keys or readers appear (warm-up).
 */
export function growTypedArray<T extends GrowableArray>(array: T, length: number, fill = 0): T {
  if (length <= array.length) return array;
  const grown = new (array.constructor as new (n: number) => T)(Math.max(length, array.length * 2));
  grown.set(array);
  if (fill !== 0) grown.fill(fill, array.length);
  return grown;
}
