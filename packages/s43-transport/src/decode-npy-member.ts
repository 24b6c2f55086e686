import { pipeline, Readable } from 'node:stream';
import { constants, createInflateRaw, inflateRawSync } from 'node:zlib';
import type { ByteSource } from './byte-source.js';
import { crc32 } from './crc32.js';
import { elementPlacer } from './element-placer.js';
import type { NpzMember } from './npy-array.js';
import { elementsFromBytes } from './npy-elements.js';
import { type NpyHeader, npyDataOffset, parseNpyHeader } from './npy-header.js';
import { NpzFormatError } from './npz-error.js';

/** Where one `.npy` lies in a source: a zip member (stored or deflated) or a whole bare `.npy` file. */
export interface NpySpan {
  /** The zip member name (`preds.npy`), or the file for a bare `.npy`: named in every error. */
  name: string;
  /** Offset of the (compressed) data in the source. */
  start: number;
  method: 0 | 8;
  compressedSize: number;
  uncompressedSize: number;
  /** The CRC-32 the zip recorded; null for a bare `.npy` (nothing to check against). */
  crc32: number | null;
}

/** Bytes per positional read of compressed data, and of a staged Fortran-order or ragged read. */
const READ_CHUNK = 1 << 20;
const STAGE_CHUNK = 16 << 20;
/** Slice of a stored payload read at once (straight into the array) while the previous slice is CRC-checked. */
const READ_SLICE = 8 << 20;
/** First bytes read (stored) or inflated (deflated, from at most this many compressed bytes) to find the header. */
const HEAD_PROBE = 4096;
const INFLATE_PROBE = 1024;
/**
 * Output chunk of the inflater: small enough that its buffers are recycled (warm pages) and that the CRC
 * of one chunk overlaps the inflation of the next; each is copied once into the array's buffer.
 */
const INFLATE_CHUNK = 1 << 20;

/** An uninitialised buffer of its own (never a pooled slice): the array's `.buffer` is exactly its bytes. */
const allocate = (n: number) => {
  const b = Buffer.allocUnsafeSlow(n);
  return new Uint8Array(b.buffer, b.byteOffset, n);
};

function checkHeaderAgainstSpan(header: NpyHeader, span: NpySpan): void {
  const available = span.uncompressedSize - header.dataOffset;
  if (available > header.dataBytes) throw new NpzFormatError('trailing_bytes', span.name, `${available - header.dataBytes} bytes after the declared data (shape ${JSON.stringify(header.shape)})`);
  if (available < header.dataBytes) throw new NpzFormatError('size_mismatch', span.name, `shape ${JSON.stringify(header.shape)} × ${header.dtype.itemsize} bytes needs ${header.dataBytes} bytes, the member holds ${available}`);
}

/** Parse the header from the first bytes of the `.npy`; null when `prefix` ends before the header does. */
function headerFrom(prefix: Uint8Array, span: NpySpan): NpyHeader | null {
  const dataOffset = npyDataOffset(prefix, span.name);
  if (dataOffset !== null && dataOffset > span.uncompressedSize) {
    throw new NpzFormatError('header_length', span.name, `header length ${dataOffset} exceeds the member's ${span.uncompressedSize} bytes`);
  }
  if (dataOffset === null || prefix.length < dataOffset) {
    if (prefix.length >= span.uncompressedSize) throw new NpzFormatError('truncated', span.name, 'member ends inside the .npy header');
    return null;
  }
  const header = parseNpyHeader(prefix.subarray(0, dataOffset), span.name);
  checkHeaderAgainstSpan(header, span);
  return header;
}

function checkCrc(span: NpySpan, crc: number): void {
  if (span.crc32 !== null && crc !== span.crc32) {
    throw new NpzFormatError('crc_mismatch', span.name, `CRC-32 ${crc.toString(16)} does not match the recorded ${span.crc32.toString(16)}`);
  }
}

/** The byte alignment the array's typed view needs (its element, or component, size; 1 for byte strings). */
const alignmentOf = (h: NpyHeader) => Math.min(8, h.dtype.kind === 'c' ? h.dtype.itemsize / 2 : h.dtype.kind === 'U' ? 4 : h.dtype.kind === 'S' ? 1 : h.dtype.itemsize);

/** Does the array need its elements moved (a Fortran-ordered array of two or more dimensions)? */
const needsTranspose = (h: NpyHeader) => h.fortranOrder && h.shape.length >= 2 && h.dataBytes > 0;

/** Decoded elements (C order, stored byte order) → the member record, in native order and with bools as 0/1. */
function finish(header: NpyHeader, elements: Uint8Array, span: NpySpan): NpzMember {
  if (header.dtype.normalized === '|b1') {
    // numpy reads any nonzero byte as True; give the one canonical byte
    for (let k = 0; k < elements.length; k += 1) if (elements[k]! > 1) elements[k] = 1;
  }
  const data = elementsFromBytes(elements, header.dtype, header.shape, span.name);
  return {
    name: span.name.endsWith('.npy') ? span.name.slice(0, -'.npy'.length) : span.name,
    descr: header.dtype.descr,
    fortranOrder: header.fortranOrder,
    array: { dtype: header.dtype.normalized, shape: header.shape, data },
  };
}

/**
 * A stored `.npy`: the header is read first, then the payload goes straight into the array's one buffer
 * (positional reads into it for a file), or, Fortran-ordered, through a bounded staging buffer that the
 * blocked transposition places from.
 */
async function decodeStored(source: ByteSource, span: NpySpan): Promise<NpzMember> {
  let prefix = await source.read(span.start, Math.min(span.uncompressedSize, HEAD_PROBE));
  let header = headerFrom(prefix, span);
  if (header === null) {
    const dataOffset = npyDataOffset(prefix, span.name);
    prefix = await source.read(span.start, Math.min(span.uncompressedSize, dataOffset ?? 12));
    header = headerFrom(prefix, span);
    if (header === null) throw new NpzFormatError('truncated', span.name, 'member ends inside the .npy header');
  }
  let crc = crc32(prefix.subarray(0, header.dataOffset));
  const dataStart = span.start + header.dataOffset;
  const adopted = source.view !== undefined && !needsTranspose(header) && dataStart + header.dataBytes <= source.size ? source.view(dataStart, header.dataBytes) : null;
  if (adopted !== null && adopted.byteOffset % alignmentOf(header) === 0) {
    checkCrc(span, crc32(adopted, crc));
    return finish(header, adopted, span);
  }
  const dest = allocate(header.dataBytes);
  if (!needsTranspose(header)) {
    crc = await readIntoWithCrc(source, dataStart, dest, crc, span.name);
  } else {
    const place = elementPlacer(dest, header.shape, header.dtype.itemsize, true);
    const stage = allocate(Math.min(STAGE_CHUNK, dest.length));
    for (let at = 0; at < dest.length; at += stage.length) {
      const chunk = stage.subarray(0, Math.min(stage.length, dest.length - at));
      const got = await source.readInto(dataStart + at, chunk);
      if (got !== chunk.length) throw new NpzFormatError('truncated', span.name, `data ends after ${at + got} of ${dest.length} bytes`);
      crc = crc32(chunk, crc);
      place.push(chunk);
    }
    place.finish();
  }
  checkCrc(span, crc);
  return finish(header, dest, span);
}

/**
 * Read `dest.length` bytes at `at` straight into `dest`, in slices: the CRC-32 of each slice is computed
 * while the next one is being read (the read runs on libuv's pool, the CRC on this thread).
 */
async function readIntoWithCrc(source: ByteSource, at: number, dest: Uint8Array, crc: number, name: string): Promise<number> {
  const slice = (from: number) => dest.subarray(from, Math.min(dest.length, from + READ_SLICE));
  let pending = source.readInto(at, slice(0));
  for (let from = 0; from < dest.length; ) {
    const part = slice(from);
    const got = await pending;
    if (got !== part.length) throw new NpzFormatError('truncated', name, `data ends after ${from + got} of ${dest.length} bytes`);
    const next = from + part.length;
    if (next < dest.length) {
      pending = source.readInto(at + next, slice(next));
      pending.catch(() => undefined); // awaited on the next turn; never an unhandled rejection meanwhile
    }
    crc = crc32(part, crc);
    from = next;
  }
  return crc;
}

async function* compressedChunks(source: ByteSource, span: NpySpan): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < span.compressedSize; at += READ_CHUNK) {
    const want = Math.min(READ_CHUNK, span.compressedSize - at);
    const chunk = await source.read(span.start + at, want);
    if (chunk.length !== want) throw new NpzFormatError('truncated', span.name, 'member data is truncated');
    yield chunk;
  }
}

/**
 * Inflate a member, handing each output chunk to `take` with its offset in the member. The deflate stream
 * must produce exactly the declared size, end exactly where the compressed data ends (zlib would silently
 * ignore trailing bytes) and match the recorded CRC-32. Returns the output chunks when `keep` is set.
 */
async function inflateMember(source: ByteSource, span: NpySpan, chunkSize: number, take: (chunk: Uint8Array, at: number) => void): Promise<void> {
  const inflater = createInflateRaw({ chunkSize });
  pipeline(Readable.from(compressedChunks(source, span)), inflater, () => undefined);
  let total = 0;
  let crc = 0;
  try {
    for await (const chunk of inflater as AsyncIterable<Uint8Array>) {
      if (total + chunk.length > span.uncompressedSize) throw new NpzFormatError('size_mismatch', span.name, `inflates past its declared size of ${span.uncompressedSize} bytes`);
      crc = crc32(chunk, crc);
      take(chunk, total);
      total += chunk.length;
    }
  } catch (error) {
    inflater.destroy();
    if (error instanceof NpzFormatError) throw error;
    const why = error instanceof Error ? error.message : String(error);
    throw new NpzFormatError('corrupt_deflate', span.name, `deflate stream is corrupt (${why})`);
  }
  if (inflater.bytesWritten !== span.compressedSize) {
    throw new NpzFormatError('trailing_bytes', span.name, `${span.compressedSize - inflater.bytesWritten} compressed bytes follow the end of the deflate stream`);
  }
  if (total < span.uncompressedSize) throw new NpzFormatError('truncated', span.name, `data ends after ${total} of ${span.uncompressedSize} bytes`);
  checkCrc(span, crc);
}

/** The header of a deflated member from inflating only its first compressed bytes; null when they do not hold it all. */
async function probeDeflatedHeader(source: ByteSource, span: NpySpan): Promise<NpyHeader | null> {
  let prefix: Uint8Array;
  try {
    const head = await source.read(span.start, Math.min(span.compressedSize, INFLATE_PROBE));
    prefix = inflateRawSync(head, { finishFlush: constants.Z_SYNC_FLUSH });
  } catch {
    return null; // the full inflate reports what is wrong, naming it
  }
  if (prefix.length < 8) return null;
  return headerFrom(prefix.subarray(0, Math.min(prefix.length, span.uncompressedSize)), span);
}

/**
 * A deflated `.npy`. Its header is found by inflating only the first compressed bytes; then the stream is
 * inflated in recycled chunks, each placed once into the array's buffer (straight, or through the blocked
 * Fortran transposition). When the header is not in the first bytes (a huge header), the inflater writes into
 * one buffer of the member's size (its output chunks are consecutive views of it) and the header is parsed there.
 */
async function decodeDeflated(source: ByteSource, span: NpySpan): Promise<NpzMember> {
  const probed = await probeDeflatedHeader(source, span);
  if (probed !== null) {
    const dest = allocate(probed.dataBytes);
    const place = elementPlacer(dest, probed.shape, probed.dtype.itemsize, probed.fortranOrder);
    const skip = probed.dataOffset;
    await inflateMember(source, span, INFLATE_CHUNK, (chunk, at) => {
      if (at + chunk.length <= skip) return;
      place.push(at >= skip ? chunk : chunk.subarray(skip - at));
    });
    place.finish();
    return finish(probed, dest, span);
  }
  const parts: Uint8Array[] = [];
  await inflateMember(source, span, Math.max(64, span.uncompressedSize + 1), (chunk) => parts.push(chunk));
  const whole = contiguous(parts, span.uncompressedSize);
  const header = headerFrom(whole, span);
  if (header === null) throw new NpzFormatError('truncated', span.name, 'member ends inside the .npy header');
  const payload = whole.subarray(header.dataOffset);
  if (needsTranspose(header)) {
    const dest = allocate(header.dataBytes);
    const place = elementPlacer(dest, header.shape, header.dtype.itemsize, true);
    place.push(payload);
    place.finish();
    return finish(header, dest, span);
  }
  if (payload.byteOffset % alignmentOf(header) === 0) return finish(header, payload, span);
  const dest = allocate(payload.length);
  dest.set(payload);
  return finish(header, dest, span);
}

/** The chunks as one view when they are consecutive in one buffer (the inflater's single output buffer), else one copy. */
function contiguous(parts: readonly Uint8Array[], size: number): Uint8Array {
  const first = parts[0];
  if (first === undefined) return new Uint8Array(0);
  let end = first.byteOffset;
  const sameBuffer = parts.every((p) => {
    const ok = p.buffer === first.buffer && p.byteOffset === end;
    end += p.length;
    return ok;
  });
  if (sameBuffer) return new Uint8Array(first.buffer, first.byteOffset, size);
  const out = allocate(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Decode one `.npy` (a zip member or a bare file). Throws NpzFormatError naming `span.name`. */
export function decodeNpySpan(source: ByteSource, span: NpySpan): Promise<NpzMember> {
  return span.method === 0 ? decodeStored(source, span) : decodeDeflated(source, span);
}
