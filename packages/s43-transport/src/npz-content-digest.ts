import { createHash } from 'node:crypto';
import { arraySha256 } from './array-sha256.js';
import type { NpzMember } from './npy-array.js';

/**
 * One sha256 (hex) for what a `.npz` holds, independent of how it is stored: each array's name, native
 * dtype, shape and element hash (C order, little-endian), in name order. Two files with the same digest
 * load to the same arrays in numpy whether stored or deflated, big- or little-endian, C or Fortran order.
 */
export function npzContentDigest(members: readonly NpzMember[]): string {
  const hash = createHash('sha256');
  const sorted = [...members].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const m of sorted) hash.update(`${JSON.stringify([m.name, m.array.dtype, m.array.shape, arraySha256(m.array, m.name)])}\n`);
  return hash.digest('hex');
}
