import * as zlib from 'node:zlib';

let table: Uint32Array | undefined;

function crcTable(): Uint32Array {
  if (table !== undefined) return table;
  table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/** CRC-32 (ISO-HDLC, as zip uses) in plain TypeScript: the fallback when node:zlib lacks `crc32`. */
export function crc32Portable(bytes: Uint8Array, previous = 0): number {
  const t = crcTable();
  let c = ~previous >>> 0;
  for (let k = 0; k < bytes.length; k += 1) c = t[(c ^ bytes[k]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

type NativeCrc32 = (data: Uint8Array, value?: number) => number;
const native = (zlib as unknown as { crc32?: NativeCrc32 }).crc32;

/** CRC-32 of `bytes`, continuing from `previous`. Uses node:zlib's native crc32 when present (Node ≥ 20.15). */
export function crc32(bytes: Uint8Array, previous = 0): number {
  return typeof native === 'function' ? native(bytes, previous) >>> 0 : crc32Portable(bytes, previous);
}
