import type { NpyArray, NpyData } from './npy-array.js';
import { type DtypeInfo, parseDtype } from './npy-dtype.js';
import { NpzEncodeError, NpzFormatError } from './npz-error.js';

/** Swap the byte order of every `unit`-byte group of `bytes` in place. */
export function swapBytesInPlace(bytes: Uint8Array, unit: number): void {
  if (unit <= 1 || bytes.length === 0) return;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (unit === 2) buf.swap16();
  else if (unit === 4) buf.swap32();
  else if (unit === 8) buf.swap64();
  else throw new Error(`cannot swap ${unit}-byte units`);
}

function decodeStrings(bytes: Uint8Array, info: DtypeInfo, size: number): string[] {
  const out = new Array<string>(size);
  if (info.kind === 'U') {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let e = 0; e < size; e += 1) {
      let end = info.chars;
      while (end > 0 && view.getUint32((e * info.chars + end - 1) * 4, true) === 0) end -= 1;
      const points: number[] = [];
      for (let k = 0; k < end; k += 1) points.push(view.getUint32((e * info.chars + k) * 4, true));
      try {
        out[e] = String.fromCodePoint(...points);
      } catch {
        throw new NpzFormatError('bad_element', null, `element ${e} holds an invalid code point`);
      }
    }
    return out;
  }
  for (let e = 0; e < size; e += 1) {
    let end = info.chars;
    const base = e * info.chars;
    while (end > 0 && bytes[base + end - 1] === 0) end -= 1;
    out[e] = Buffer.from(bytes.buffer, bytes.byteOffset + base, end).toString('latin1');
  }
  return out;
}

/**
 * Turn the element bytes of a member, already in C order (see element-placer.ts) but in the byte order
 * stored, into `NpyData` in native order. Big-endian data is swapped in place; `bytes` must own its buffer
 * (typed arrays are views over it, no copy).
 */
export function elementsFromBytes(bytes: Uint8Array, info: DtypeInfo, shape: readonly number[], member: string): NpyData {
  if (info.bigEndian) swapBytesInPlace(bytes, info.swapUnit);
  const size = shape.reduce((a, b) => a * b, 1);
  const { buffer, byteOffset } = bytes;
  const n = bytes.byteLength / (info.kind === 'c' ? info.itemsize / 2 : info.itemsize);
  if (info.kind === 'M' || info.kind === 'm') return new BigInt64Array(buffer, byteOffset, n);
  switch (info.normalized) {
    case '|b1':
    case '|u1':
      return new Uint8Array(buffer, byteOffset, n);
    case '|i1':
      return new Int8Array(buffer, byteOffset, n);
    case '<i2':
      return new Int16Array(buffer, byteOffset, n);
    case '<u2':
    case '<f2':
      return new Uint16Array(buffer, byteOffset, n);
    case '<i4':
      return new Int32Array(buffer, byteOffset, n);
    case '<u4':
      return new Uint32Array(buffer, byteOffset, n);
    case '<i8':
      return new BigInt64Array(buffer, byteOffset, n);
    case '<u8':
      return new BigUint64Array(buffer, byteOffset, n);
    case '<f4':
    case '<c8':
      return new Float32Array(buffer, byteOffset, n);
    case '<f8':
    case '<c16':
      return new Float64Array(buffer, byteOffset, n);
    default:
      try {
        return decodeStrings(bytes, info, size);
      } catch (error) {
        if (error instanceof NpzFormatError) throw new NpzFormatError(error.code, member, error.reason);
        throw error;
      }
  }
}

const TYPED: Record<string, (d: NpyData) => boolean> = {
  '|b1': (d) => d instanceof Uint8Array,
  '|u1': (d) => d instanceof Uint8Array,
  '|i1': (d) => d instanceof Int8Array,
  '<i2': (d) => d instanceof Int16Array,
  '<u2': (d) => d instanceof Uint16Array,
  '<f2': (d) => d instanceof Uint16Array,
  '<i4': (d) => d instanceof Int32Array,
  '<u4': (d) => d instanceof Uint32Array,
  '<i8': (d) => d instanceof BigInt64Array,
  '<u8': (d) => d instanceof BigUint64Array,
  '<f4': (d) => d instanceof Float32Array,
  '<c8': (d) => d instanceof Float32Array,
  '<f8': (d) => d instanceof Float64Array,
  '<c16': (d) => d instanceof Float64Array,
};

export interface CheckedArray {
  info: DtypeInfo;
  size: number;
  nbytes: number;
}

/** Check that an array can be written: a supported native-order dtype, data matching dtype and shape. */
export function checkArray(name: string, array: NpyArray): CheckedArray {
  let info: DtypeInfo;
  try {
    info = parseDtype(array.dtype, null);
  } catch (error) {
    throw new NpzEncodeError(name, error instanceof NpzFormatError ? error.reason : String(error));
  }
  if (info.bigEndian || info.normalized !== array.dtype) {
    throw new NpzEncodeError(name, `dtype ${JSON.stringify(array.dtype)} must be written in native form ${JSON.stringify(info.normalized)}`);
  }
  for (const d of array.shape) {
    if (!Number.isSafeInteger(d) || d < 0) throw new NpzEncodeError(name, `shape ${JSON.stringify(array.shape)} has an invalid dimension`);
  }
  const size = array.shape.reduce((a, b) => a * b, 1);
  const isStrings = info.kind === 'S' || info.kind === 'U';
  const holds = info.kind === 'M' || info.kind === 'm' ? (d: NpyData) => d instanceof BigInt64Array : TYPED[info.normalized]!;
  if (isStrings !== Array.isArray(array.data) || (!isStrings && !holds(array.data))) {
    throw new NpzEncodeError(name, `data of type ${array.data.constructor.name} does not hold dtype ${array.dtype}`);
  }
  const expected = info.kind === 'c' ? 2 * size : size;
  if (array.data.length !== expected) throw new NpzEncodeError(name, `data has ${array.data.length} elements, shape ${JSON.stringify(array.shape)} needs ${expected}`);
  return { info, size, nbytes: size * info.itemsize };
}

function encodeStringChunk(name: string, data: readonly string[], from: number, to: number, info: DtypeInfo): Uint8Array {
  const out = new Uint8Array((to - from) * info.itemsize);
  const view = new DataView(out.buffer);
  for (let e = from; e < to; e += 1) {
    const s = data[e]!;
    const base = (e - from) * info.itemsize;
    if (info.kind === 'U') {
      let k = 0;
      for (const ch of s) {
        if (k >= info.chars) throw new NpzEncodeError(name, `element ${e} is longer than ${info.chars} characters (${info.normalized})`);
        view.setUint32(base + 4 * k, ch.codePointAt(0)!, true);
        k += 1;
      }
    } else {
      if (s.length > info.chars) throw new NpzEncodeError(name, `element ${e} is longer than ${info.chars} bytes (${info.normalized})`);
      for (let k = 0; k < s.length; k += 1) {
        const code = s.charCodeAt(k);
        if (code > 0xff) throw new NpzEncodeError(name, `element ${e} has a character outside latin-1 (|S holds bytes)`);
        out[base + k] = code;
      }
    }
  }
  return out;
}

/** A |b1 chunk with every nonzero byte written as 1 (numpy reads any nonzero byte as True); a copy only when needed. */
function canonicalBools(chunk: Uint8Array): Uint8Array {
  if (chunk.every((v) => v <= 1)) return chunk;
  return chunk.map((v) => (v === 0 ? 0 : 1));
}

/**
 * The element bytes of an array in C order, little-endian — what numpy's `a.tobytes()` gives for the
 * same array — as a sequence of chunks of at most `chunkBytes` (views, not copies, for typed arrays).
 */
export function* elementChunks(name: string, array: NpyArray, chunkBytes = 4 << 20): Generator<Uint8Array> {
  const { info, size, nbytes } = checkArray(name, array);
  if (Array.isArray(array.data)) {
    const per = Math.max(1, Math.floor(chunkBytes / info.itemsize));
    for (let from = 0; from < size; from += per) yield encodeStringChunk(name, array.data, from, Math.min(size, from + per), info);
    return;
  }
  const typed = array.data as Exclude<NpyData, string[]>;
  const bytes = new Uint8Array(typed.buffer, typed.byteOffset, nbytes);
  for (let at = 0; at < nbytes; at += chunkBytes) {
    const chunk = bytes.subarray(at, Math.min(nbytes, at + chunkBytes));
    yield info.normalized === '|b1' ? canonicalBools(chunk) : chunk;
  }
}
