import { createHash } from 'node:crypto';
import type { NpyArray } from './npy-array.js';
import { elementChunks } from './npy-elements.js';

/**
 * sha256 (hex) over an array's elements in C order, little-endian: what
 * `np.ascontiguousarray(a).astype(a.dtype.newbyteorder('<')).tobytes()` hashes to.
 */
export function arraySha256(array: NpyArray, name = 'array'): string {
  const hash = createHash('sha256');
  for (const chunk of elementChunks(name, array)) hash.update(chunk);
  return hash.digest('hex');
}
