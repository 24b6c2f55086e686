import { open } from 'node:fs/promises';
import { Readable, pipeline } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { type ByteSource, memorySource } from './byte-source.js';
import { crc32 } from './crc32.js';
import { type ElementPlacer, elementPlacer } from './element-placer.js';
import { fileSource } from './file-byte-io.js';
import type { NpzMember } from './npy-array.js';
import { elementsFromBytes } from './npy-elements.js';
import { type NpyHeader, npyDataOffset, parseNpyHeader } from './npy-header.js';
import { NpzFormatError } from './npz-error.js';
import { type ZipDirectory, type ZipEntry, memberDataOffset, readZipDirectory } from './zip-directory.js';

/** Default per-member decompressed size limit (the zip-bomb guard): 4 GiB. */
export const DEFAULT_MAX_MEMBER_BYTES = 4 * 1024 ** 3;
/** deflate cannot expand more than ~1032:1; a member claiming more is lying about its size. */
const MAX_DEFLATE_RATIO = 1032;
/** Bytes per positional read of stored data, and per inflated chunk (larger chunks inflate markedly faster). */
const READ_CHUNK = 1 << 20;
const INFLATE_CHUNK = 1 << 20;

export interface DecodeNpzOptions {
  /** Largest decompressed size of one member, checked while inflating and before allocating. */
  maxMemberBytes?: number;
}

async function* storedChunks(source: ByteSource, start: number, length: number, member: string): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < length; at += READ_CHUNK) {
    const want = Math.min(READ_CHUNK, length - at);
    const chunk = await source.read(start + at, want);
    if (chunk.length !== want) throw new NpzFormatError('truncated', member, 'member data is truncated');
    yield chunk;
  }
}

/**
 * Inflate a member chunk by chunk. The deflate stream must end exactly where the member's compressed data
 * ends: compressed bytes after its final block are rejected (zlib would silently ignore them).
 */
async function* inflatedChunks(compressed: AsyncIterable<Uint8Array>, compressedSize: number, member: string): AsyncGenerator<Uint8Array> {
  const inflater = createInflateRaw({ chunkSize: INFLATE_CHUNK });
  pipeline(Readable.from(compressed), inflater, () => undefined);
  try {
    for await (const chunk of inflater) yield chunk as Uint8Array;
  } catch (error) {
    if (error instanceof NpzFormatError) throw error;
    const why = error instanceof Error ? error.message : String(error);
    throw new NpzFormatError('corrupt_deflate', member, `deflate stream is corrupt (${why})`);
  }
  const consumed = inflater.bytesWritten;
  if (consumed !== compressedSize) {
    throw new NpzFormatError('trailing_bytes', member, `${compressedSize - consumed} compressed bytes follow the end of the deflate stream`);
  }
}

/** Check the sizes the directory claims before reading a byte of data: never allocate what a header claims. */
function checkClaimedSizes(entry: ZipEntry, limit: number): void {
  if (entry.flags & 0x1) throw new NpzFormatError('encrypted_member', entry.name, 'encrypted members are not supported');
  if (entry.method !== 0 && entry.method !== 8) throw new NpzFormatError('unsupported_compression', entry.name, `compression method ${entry.method} is not supported (stored or deflated only)`);
  if (entry.uncompressedSize > limit) throw new NpzFormatError('member_too_large', entry.name, `decompressed size ${entry.uncompressedSize} exceeds the ${limit}-byte limit`);
  if (entry.method === 0 && entry.compressedSize !== entry.uncompressedSize) throw new NpzFormatError('size_mismatch', entry.name, 'stored member whose compressed and uncompressed sizes differ');
  if (entry.method === 8 && entry.uncompressedSize > entry.compressedSize * MAX_DEFLATE_RATIO + 1024) {
    throw new NpzFormatError('size_mismatch', entry.name, `claims ${entry.uncompressedSize} bytes from ${entry.compressedSize} compressed, beyond what deflate can produce`);
  }
}

function checkHeaderAgainstMember(header: NpyHeader, entry: ZipEntry): void {
  const available = entry.uncompressedSize - header.dataOffset;
  if (available > header.dataBytes) throw new NpzFormatError('trailing_bytes', entry.name, `${available - header.dataBytes} bytes after the declared data (shape ${JSON.stringify(header.shape)})`);
  if (available < header.dataBytes) throw new NpzFormatError('size_mismatch', entry.name, `shape ${JSON.stringify(header.shape)} × ${header.dtype.itemsize} bytes needs ${header.dataBytes} bytes, the member holds ${available}`);
}

/**
 * Decode one `.npy` member. The element buffer is allocated once, after every size has been cross-checked,
 * and the elements stream into it at their C-order positions (a Fortran-ordered array too).
 */
async function decodeMember(source: ByteSource, dir: ZipDirectory, entry: ZipEntry, limit: number): Promise<NpzMember> {
  const member = entry.name;
  checkClaimedSizes(entry, limit);
  const start = await memberDataOffset(source, entry, dir);
  const raw = storedChunks(source, start, entry.compressedSize, member);
  const chunks = entry.method === 0 ? raw : inflatedChunks(raw, entry.compressedSize, member);
  let crc = 0;
  let total = 0;
  let prefix = new Uint8Array(0);
  let header: NpyHeader | null = null;
  let dest: Uint8Array | null = null;
  let place: ElementPlacer | null = null;
  for await (const chunk of chunks) {
    total += chunk.length;
    if (total > entry.uncompressedSize) throw new NpzFormatError('size_mismatch', member, `inflates past its declared size of ${entry.uncompressedSize} bytes`);
    crc = crc32(chunk, crc);
    if (place !== null) {
      place.push(chunk);
      continue;
    }
    const merged = new Uint8Array(prefix.length + chunk.length);
    merged.set(prefix);
    merged.set(chunk, prefix.length);
    const dataOffset = npyDataOffset(merged, member);
    if (dataOffset !== null && dataOffset > entry.uncompressedSize) {
      throw new NpzFormatError('header_length', member, `header length ${dataOffset} exceeds the member's ${entry.uncompressedSize} bytes`);
    }
    if (dataOffset === null || merged.length < dataOffset) {
      prefix = merged;
      continue;
    }
    header = parseNpyHeader(merged.subarray(0, dataOffset), member);
    checkHeaderAgainstMember(header, entry);
    dest = new Uint8Array(header.dataBytes);
    place = elementPlacer(dest, header.shape, header.dtype.itemsize, header.fortranOrder);
    place.push(merged.subarray(dataOffset));
    prefix = new Uint8Array(0);
  }
  if (total < entry.uncompressedSize) throw new NpzFormatError('truncated', member, `data ends after ${total} of ${entry.uncompressedSize} bytes`);
  if (header === null || dest === null || place === null) {
    throw new NpzFormatError('truncated', member, 'member ends inside the .npy header');
  }
  place.finish();
  if (crc !== entry.crc32) throw new NpzFormatError('crc_mismatch', member, `CRC-32 ${crc.toString(16)} does not match the recorded ${entry.crc32.toString(16)}`);
  const data = elementsFromBytes(dest, header.dtype, header.shape, member);
  return {
    name: member.slice(0, -'.npy'.length),
    descr: header.dtype.descr,
    fortranOrder: header.fortranOrder,
    array: { dtype: header.dtype.normalized, shape: header.shape, data },
  };
}

/**
 * Decode the `.npy` members of a `.npz` one at a time (only one member's elements in memory at once).
 * Non-`.npy` members are skipped. Throws `NpzFormatError` naming the member and the reason.
 */
export async function* iterateNpz(source: ByteSource, options: DecodeNpzOptions = {}): AsyncGenerator<NpzMember> {
  const limit = options.maxMemberBytes ?? DEFAULT_MAX_MEMBER_BYTES;
  const dir = await readZipDirectory(source);
  for (const entry of dir.entries) {
    if (!entry.name.endsWith('.npy') || entry.name.endsWith('/')) continue;
    yield await decodeMember(source, dir, entry, limit);
  }
}

/** Decode an in-memory `.npz` (what `np.load` would give, as NpzMember records in archive order). */
export async function decodeNpz(bytes: Uint8Array, options: DecodeNpzOptions = {}): Promise<NpzMember[]> {
  const out: NpzMember[] = [];
  for await (const member of iterateNpz(memorySource(bytes), options)) out.push(member);
  return out;
}

/** Read a `.npz` file, streaming: the file is never loaded whole; each array is allocated once. */
export async function readNpzFile(path: string, options: DecodeNpzOptions = {}): Promise<NpzMember[]> {
  const handle = await open(path, 'r');
  try {
    const out: NpzMember[] = [];
    for await (const member of iterateNpz(await fileSource(handle), options)) out.push(member);
    return out;
  } finally {
    await handle.close();
  }
}

/** Visit each member of a `.npz` file, one at a time (for inspecting files larger than memory allows twice). */
export async function forEachNpzFileMember(path: string, visit: (member: NpzMember) => Promise<void> | void, options: DecodeNpzOptions = {}): Promise<void> {
  const handle = await open(path, 'r');
  try {
    for await (const member of iterateNpz(await fileSource(handle), options)) await visit(member);
  } finally {
    await handle.close();
  }
}
