import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createDeflateRaw } from 'node:zlib';
import { writeFileAtomically } from './atomic-file.js';
import { type ByteSink, memorySink } from './byte-source.js';
import { crc32 } from './crc32.js';
import { fileSink } from './file-byte-io.js';
import type { NpyArray } from './npy-array.js';
import { checkArray, elementChunks } from './npy-elements.js';
import { formatNpyHeader } from './npy-header.js';
import { NpzEncodeError, NpzFormatError } from './npz-error.js';
import { checkMemberName, SIG_CENTRAL, SIG_EOCD, SIG_LOCAL, SIG_ZIP64_EOCD, SIG_ZIP64_LOCATOR } from './zip-directory.js';

/** Arrays to write, keyed by the name `np.load` will give them (the member is `<name>.npy`). */
export type NpzArrays = Readonly<Record<string, NpyArray>> | ReadonlyMap<string, NpyArray> | readonly (readonly [string, NpyArray])[];

export interface EncodeNpzOptions {
  /** Deflate the members, as `np.savez_compressed` does (default: stored, as `np.savez`). */
  compressed?: boolean;
  /** zlib level when compressed (default 6, Python's Z_DEFAULT_COMPRESSION). */
  level?: number;
}

/** Python zipfile's ZIP64_LIMIT: sizes and offsets above it go to the zip64 extra field. */
const ZIP64_LIMIT = 2 ** 31 - 1;
/** 1980-01-01 00:00:00, the DOS date Python's zipfile gives a member opened for writing by name. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;
/** Stored members are written in slices of the array itself (views, no copy), CRC and write overlapping. */
const STORED_CHUNK = 8 << 20;

interface WrittenMember {
  name: Uint8Array;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  offset: number;
}

function entriesOf(arrays: NpzArrays): (readonly [string, NpyArray])[] {
  if (arrays instanceof Map) return [...arrays.entries()];
  if (Array.isArray(arrays)) return [...(arrays as readonly (readonly [string, NpyArray])[])];
  return Object.entries(arrays as Record<string, NpyArray>);
}

function encodeName(name: string): { bytes: Uint8Array; flags: number } {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII range check
  const ascii = /^[\x00-\x7f]*$/.test(name);
  return { bytes: ascii ? Buffer.from(name, 'latin1') : Buffer.from(name, 'utf8'), flags: ascii ? 0 : 0x800 };
}

function localHeader(m: WrittenMember): Uint8Array {
  const out = new Uint8Array(30 + m.name.length + 20);
  const v = new DataView(out.buffer);
  v.setUint32(0, SIG_LOCAL, true);
  v.setUint16(4, 45, true);
  v.setUint16(6, m.flags, true);
  v.setUint16(8, m.method, true);
  v.setUint16(10, DOS_TIME, true);
  v.setUint16(12, DOS_DATE, true);
  v.setUint32(14, m.crc, true);
  v.setUint32(18, 0xffffffff, true);
  v.setUint32(22, 0xffffffff, true);
  v.setUint16(26, m.name.length, true);
  v.setUint16(28, 20, true);
  out.set(m.name, 30);
  const e = 30 + m.name.length;
  v.setUint16(e, 0x0001, true);
  v.setUint16(e + 2, 16, true);
  v.setBigUint64(e + 4, BigInt(m.uncompressedSize), true);
  v.setBigUint64(e + 12, BigInt(m.compressedSize), true);
  return out;
}

function centralEntry(m: WrittenMember): Uint8Array {
  const extra: number[] = [];
  const big = m.uncompressedSize > ZIP64_LIMIT || m.compressedSize > ZIP64_LIMIT;
  if (big) extra.push(m.uncompressedSize, m.compressedSize);
  if (m.offset > ZIP64_LIMIT) extra.push(m.offset);
  const extraLen = extra.length === 0 ? 0 : 4 + 8 * extra.length;
  const out = new Uint8Array(46 + m.name.length + extraLen);
  const v = new DataView(out.buffer);
  v.setUint32(0, SIG_CENTRAL, true);
  out[4] = 45; // version made by (the local header's zip64 raised it to 4.5)
  out[5] = 3; // made on UNIX
  v.setUint16(6, 45, true);
  v.setUint16(8, m.flags, true);
  v.setUint16(10, m.method, true);
  v.setUint16(12, DOS_TIME, true);
  v.setUint16(14, DOS_DATE, true);
  v.setUint32(16, m.crc, true);
  v.setUint32(20, big ? 0xffffffff : m.compressedSize, true);
  v.setUint32(24, big ? 0xffffffff : m.uncompressedSize, true);
  v.setUint16(28, m.name.length, true);
  v.setUint16(30, extraLen, true);
  v.setUint32(38, 0o600 << 16, true);
  v.setUint32(42, m.offset > ZIP64_LIMIT ? 0xffffffff : m.offset, true);
  out.set(m.name, 46);
  if (extraLen > 0) {
    const e = 46 + m.name.length;
    v.setUint16(e, 0x0001, true);
    v.setUint16(e + 2, 8 * extra.length, true);
    for (const [k, value] of extra.entries()) v.setBigUint64(e + 4 + 8 * k, BigInt(value), true);
  }
  return out;
}

function endRecords(count: number, cdOffset: number, cdSize: number): Uint8Array {
  const zip64 = count > 0xffff || cdOffset > ZIP64_LIMIT || cdSize > ZIP64_LIMIT;
  const out = new Uint8Array((zip64 ? 56 + 20 : 0) + 22);
  const v = new DataView(out.buffer);
  let at = 0;
  if (zip64) {
    v.setUint32(0, SIG_ZIP64_EOCD, true);
    v.setBigUint64(4, 44n, true);
    v.setUint16(12, 45, true);
    v.setUint16(14, 45, true);
    v.setBigUint64(24, BigInt(count), true);
    v.setBigUint64(32, BigInt(count), true);
    v.setBigUint64(40, BigInt(cdSize), true);
    v.setBigUint64(48, BigInt(cdOffset), true);
    v.setUint32(56, SIG_ZIP64_LOCATOR, true);
    v.setBigUint64(64, BigInt(cdOffset + cdSize), true);
    v.setUint32(72, 1, true);
    at = 76;
  }
  v.setUint32(at, SIG_EOCD, true);
  v.setUint16(at + 8, Math.min(count, 0xffff), true);
  v.setUint16(at + 10, Math.min(count, 0xffff), true);
  v.setUint32(at + 12, Math.min(cdSize, 0xffffffff), true);
  v.setUint32(at + 16, Math.min(cdOffset, 0xffffffff), true);
  return out;
}

/**
 * Write arrays as a `.npz` into `sink`, exactly as `np.savez` (stored) or `np.savez_compressed`
 * (deflated) lays it out: `.npy` 1.0 headers padded to 64, C order, zip64 local extras, 1980-01-01 dates
 * (so equal arrays give byte-identical files).
 */
export async function writeNpz(sink: ByteSink, arrays: NpzArrays, options: EncodeNpzOptions = {}): Promise<void> {
  const method = options.compressed ? 8 : 0;
  const entries = entriesOf(arrays);
  const seen = new Set<string>();
  for (const [key, array] of entries) {
    try {
      checkMemberName(`${key}.npy`);
    } catch (error) {
      throw new NpzEncodeError(key, error instanceof NpzFormatError ? error.reason : String(error));
    }
    if (seen.has(key)) throw new NpzEncodeError(key, 'duplicate array name');
    seen.add(key);
    checkArray(key, array);
  }
  const written: WrittenMember[] = [];
  for (const [key, array] of entries) {
    const { nbytes } = checkArray(key, array);
    const header = formatNpyHeader(array.dtype, array.shape);
    const { bytes: name, flags } = encodeName(`${key}.npy`);
    const member: WrittenMember = { name, flags, method, crc: 0, compressedSize: 0, uncompressedSize: header.length + nbytes, offset: sink.position };
    await sink.write(localHeader(member));
    let crc = crc32(header);
    if (method === 0) {
      await sink.write(header);
      // each slice's CRC-32 is computed while the previous slice is being written
      let writing: Promise<void> = Promise.resolve();
      for (const chunk of elementChunks(key, array, STORED_CHUNK)) {
        crc = crc32(chunk, crc);
        await writing;
        writing = sink.write(chunk);
        writing.catch(() => undefined); // awaited on the next turn
      }
      await writing;
      member.compressedSize = member.uncompressedSize;
    } else {
      const plain = function* () {
        yield header;
        for (const chunk of elementChunks(key, array)) {
          crc = crc32(chunk, crc);
          yield chunk;
        }
      };
      let compressed = 0;
      await pipeline(Readable.from(plain(), { objectMode: false }), createDeflateRaw({ level: options.level ?? 6 }), async (source: AsyncIterable<Buffer>) => {
        for await (const out of source) {
          compressed += out.length;
          await sink.write(out);
        }
      });
      member.compressedSize = compressed;
    }
    member.crc = crc;
    await sink.patch(member.offset, localHeader(member));
    written.push(member);
  }
  const cdOffset = sink.position;
  for (const member of written) await sink.write(centralEntry(member));
  await sink.write(endRecords(written.length, cdOffset, sink.position - cdOffset));
}

/** Encode arrays to `.npz` bytes in memory. */
export async function encodeNpz(arrays: NpzArrays, options: EncodeNpzOptions = {}): Promise<Uint8Array> {
  const sink = memorySink();
  await writeNpz(sink, arrays, options);
  return sink.bytes();
}

/**
 * Encode arrays into a `.npz` file, streaming (no in-memory copy of the whole file), atomically: the file
 * appears complete or not at all (a temp file beside it is renamed into place); a failure leaves any previous
 * file at `path` untouched.
 */
export async function writeNpzFile(path: string, arrays: NpzArrays, options: EncodeNpzOptions = {}): Promise<void> {
  await writeFileAtomically(path, (handle) => writeNpz(fileSink(handle), arrays, options));
}
