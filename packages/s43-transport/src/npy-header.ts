import { type DtypeInfo, parseDtype } from './npy-dtype.js';
import { NpzFormatError } from './npz-error.js';
import { type PythonLiteral, PythonLiteralError, parsePythonLiteral } from './python-literal.js';

/** `\x93NUMPY` */
export const NPY_MAGIC = Uint8Array.of(0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59);
/** Longest header this codec reads (numpy's own default limit is 10,000 bytes). */
export const MAX_NPY_HEADER_BYTES = 1 << 20;

export interface NpyHeader {
  version: [number, number];
  dtype: DtypeInfo;
  fortranOrder: boolean;
  shape: number[];
  /** Element count (product of the shape). */
  size: number;
  /** Offset of the array data from the start of the `.npy` (magic + length field + header). */
  dataOffset: number;
  /** Bytes of array data the header declares. */
  dataBytes: number;
}

/**
 * How many bytes of the `.npy` prefix are needed to know the full header length: 10 for v1, 12 for v2/v3.
 * Returns the total header size (data offset) once `prefix` holds enough bytes, else null.
 */
export function npyDataOffset(prefix: Uint8Array, member: string): number | null {
  if (prefix.length < 8) return null;
  for (let k = 0; k < NPY_MAGIC.length; k += 1) {
    if (prefix[k] !== NPY_MAGIC[k]) throw new NpzFormatError('bad_magic', member, 'not a .npy array (bad magic)');
  }
  const major = prefix[6]!;
  const minor = prefix[7]!;
  if (minor !== 0 || major < 1 || major > 3) throw new NpzFormatError('unsupported_version', member, `.npy format version ${major}.${minor} is not supported`);
  const fieldLen = major === 1 ? 2 : 4;
  if (prefix.length < 8 + fieldLen) return null;
  const view = new DataView(prefix.buffer, prefix.byteOffset, prefix.byteLength);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  if (headerLen > MAX_NPY_HEADER_BYTES) throw new NpzFormatError('header_length', member, `header length ${headerLen} exceeds the ${MAX_NPY_HEADER_BYTES}-byte limit`);
  return 8 + fieldLen + headerLen;
}

function dictEntries(value: PythonLiteral, member: string): Map<string, PythonLiteral> {
  if (value === null || typeof value !== 'object' || !('dict' in value)) throw new NpzFormatError('bad_header', member, 'header is not a dict');
  const map = new Map<string, PythonLiteral>();
  for (const [k, v] of value.dict) {
    if (typeof k !== 'string') throw new NpzFormatError('bad_header', member, 'header key is not a string');
    if (map.has(k)) throw new NpzFormatError('bad_header', member, `duplicate header key ${JSON.stringify(k)}`);
    map.set(k, v);
  }
  return map;
}

/** Parse the complete `.npy` header (`bytes` holds at least `npyDataOffset(...)` bytes). Pure. */
export function parseNpyHeader(bytes: Uint8Array, member: string): NpyHeader {
  const dataOffset = npyDataOffset(bytes, member);
  if (dataOffset === null || bytes.length < dataOffset) throw new NpzFormatError('truncated', member, 'truncated .npy header');
  const major = bytes[6]!;
  const start = major === 1 ? 10 : 12;
  const raw = bytes.subarray(start, dataOffset);
  let text: string;
  try {
    text = major === 3 ? new TextDecoder('utf-8', { fatal: true }).decode(raw) : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('latin1');
  } catch {
    throw new NpzFormatError('bad_header', member, 'header is not valid UTF-8');
  }
  let literal: PythonLiteral;
  try {
    literal = parsePythonLiteral(text);
  } catch (error) {
    const why = error instanceof PythonLiteralError ? error.message : String(error);
    throw new NpzFormatError('bad_header', member, `header is not a Python literal (${why})`);
  }
  const dict = dictEntries(literal, member);
  for (const key of dict.keys()) {
    if (key !== 'descr' && key !== 'fortran_order' && key !== 'shape') throw new NpzFormatError('unknown_header_key', member, `unknown header key ${JSON.stringify(key)}`);
  }
  for (const key of ['descr', 'fortran_order', 'shape']) {
    if (!dict.has(key)) throw new NpzFormatError('bad_header', member, `header lacks ${JSON.stringify(key)}`);
  }
  const dtype = parseDtype(dict.get('descr'), member);
  const fortran = dict.get('fortran_order');
  if (typeof fortran !== 'boolean') throw new NpzFormatError('bad_header', member, 'fortran_order is not True or False');
  const shapeLiteral = dict.get('shape');
  if (shapeLiteral === null || typeof shapeLiteral !== 'object' || !('tuple' in shapeLiteral)) throw new NpzFormatError('bad_shape', member, 'shape is not a tuple');
  const shape: number[] = [];
  let size = 1n;
  for (const dim of shapeLiteral.tuple) {
    if (typeof dim !== 'bigint') throw new NpzFormatError('bad_shape', member, 'shape has a non-integer dimension');
    if (dim < 0n) throw new NpzFormatError('bad_shape', member, `negative dimension ${dim}`);
    if (dim > BigInt(Number.MAX_SAFE_INTEGER)) throw new NpzFormatError('bad_shape', member, `dimension ${dim} overflows`);
    shape.push(Number(dim));
    size *= dim;
    if (size > BigInt(Number.MAX_SAFE_INTEGER)) throw new NpzFormatError('bad_shape', member, 'element count overflows');
  }
  const dataBytes = size * BigInt(dtype.itemsize);
  if (dataBytes > BigInt(Number.MAX_SAFE_INTEGER)) throw new NpzFormatError('bad_shape', member, 'byte size overflows');
  return { version: [major, 0], dtype, fortranOrder: fortran, shape, size: Number(size), dataOffset, dataBytes: Number(dataBytes) };
}

const GROWTH_AXIS_MAX_DIGITS = 21;
const ARRAY_ALIGN = 64;

function pythonShape(shape: readonly number[]): string {
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(', ')})`;
}

/**
 * The `.npy` header numpy writes (format 1.0, keys sorted, growth padding, total padded to 64 bytes;
 * format 2.0 only if the header outgrows 65535 bytes). Pure.
 */
export function formatNpyHeader(descr: string, shape: readonly number[], fortranOrder = false): Uint8Array {
  let header = `{'descr': '${descr}', 'fortran_order': ${fortranOrder ? 'True' : 'False'}, 'shape': ${pythonShape(shape)}, }`;
  if (shape.length > 0) {
    const axis = fortranOrder ? shape[shape.length - 1]! : shape[0]!;
    header += ' '.repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - String(axis).length));
  }
  for (const major of [1, 2]) {
    const fieldLen = major === 1 ? 2 : 4;
    const hlen = header.length + 1;
    const padlen = ARRAY_ALIGN - ((8 + fieldLen + hlen) % ARRAY_ALIGN);
    const total = hlen + padlen;
    if (major === 1 && total >= 65536) continue;
    const text = `${header}${' '.repeat(padlen)}\n`;
    const out = new Uint8Array(8 + fieldLen + text.length);
    out.set(NPY_MAGIC, 0);
    out[6] = major;
    out[7] = 0;
    const view = new DataView(out.buffer);
    if (major === 1) view.setUint16(8, text.length, true);
    else view.setUint32(8, text.length, true);
    for (let k = 0; k < text.length; k += 1) out[8 + fieldLen + k] = text.charCodeAt(k);
    return out;
  }
  throw new Error('unreachable: header too long');
}
