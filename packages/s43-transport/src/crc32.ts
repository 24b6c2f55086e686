import { crc32 as nativeCrc32 } from 'node:zlib';

/** CRC-32 (ISO-HDLC, as zip uses) of `bytes`, continuing from `previous`: node:zlib's native crc32 (Node ≥ 22.2). */
export function crc32(bytes: Uint8Array, previous = 0): number {
  // node:zlib answers 0 for a view of an empty ArrayBuffer, whatever `previous` is: an empty input changes nothing
  return bytes.length === 0 ? previous >>> 0 : nativeCrc32(bytes, previous) >>> 0;
}
