import { open } from 'node:fs/promises';
import { type ByteSource, memorySource } from './byte-source.js';
import { decodeNpySpan } from './decode-npy-member.js';
import { fileSource } from './file-byte-io.js';
import type { NpzMember } from './npy-array.js';
import { NpzFormatError } from './npz-error.js';
import { memberDataOffset, readZipDirectory, type ZipEntry } from './zip-directory.js';

/** Default per-member decompressed size limit: 2 GiB. */
export const DEFAULT_MAX_MEMBER_BYTES = 2 * 1024 ** 3;
/** Default limit on the sum of the declared decompressed sizes of an archive's arrays: 2 GiB. */
export const DEFAULT_MAX_TOTAL_BYTES = 2 * 1024 ** 3;
/** deflate cannot expand more than ~1032:1; a member claiming more is lying about its size. */
const MAX_DEFLATE_RATIO = 1032;

export interface DecodeNpzOptions {
  /** Largest decompressed size of one member (default 2 GiB), checked before allocating and while inflating. */
  maxMemberBytes?: number;
  /**
   * Largest sum of the declared decompressed sizes of the archive's `.npy` members (default 2 GiB), checked
   * on the central directory before any member is read or allocated (a zip of many honest members is bounded).
   */
  maxTotalBytes?: number;
  /**
   * The decoder may keep and modify the input bytes: a stored array becomes a view of them (no copy). Only
   * for a buffer the caller gives up (acquire does this with a blob it has just downloaded).
   */
  adoptInput?: boolean;
  /** Called once per member that is skipped by design (before the first array is decoded). */
  onSkipped?: (skipped: SkippedNpzMember) => void;
}

/** A zip member that is not an array: reported, never dropped without a word. */
export interface SkippedNpzMember {
  /** The zip member name as stored. */
  name: string;
  /** `not_npy`: a file whose name does not end in `.npy` (numpy exposes it as raw bytes); `directory`: a folder entry. */
  reason: 'not_npy' | 'directory';
  /** Its declared decompressed size. */
  bytes: number;
}

/** What an archive holds: its arrays in archive order, and every member skipped by design. */
export interface DecodedNpz {
  members: NpzMember[];
  skipped: SkippedNpzMember[];
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

/** The sum of the declared decompressed sizes of an archive's `.npy` members (what decoding it will allocate at most). */
export async function declaredArrayBytes(source: ByteSource): Promise<number> {
  const dir = await readZipDirectory(source);
  return dir.entries.reduce((n, e) => (skipReason(e) === null ? n + e.uncompressedSize : n), 0);
}

const skipReason = (entry: ZipEntry): SkippedNpzMember['reason'] | null => (entry.name.endsWith('/') ? 'directory' : entry.name.endsWith('.npy') ? null : 'not_npy');

/**
 * Decode the `.npy` members of a `.npz` one at a time (only one member's elements in memory at once).
 * Before any data is read, every central-directory entry is checked against its local header (skipped members
 * too), the claimed sizes against the limits, and their sum against `maxTotalBytes`. Members that are not
 * arrays are reported through `onSkipped`. Throws `NpzFormatError` naming the member and the reason.
 */
export async function* iterateNpz(source: ByteSource, options: DecodeNpzOptions = {}): AsyncGenerator<NpzMember> {
  const totalLimit = options.maxTotalBytes ?? DEFAULT_MAX_TOTAL_BYTES;
  const memberLimit = Math.min(options.maxMemberBytes ?? DEFAULT_MAX_MEMBER_BYTES, totalLimit);
  const dir = await readZipDirectory(source);
  const arrays: { entry: ZipEntry; start: number }[] = [];
  const skipped: SkippedNpzMember[] = [];
  let total = 0;
  for (const entry of dir.entries) {
    const start = await memberDataOffset(source, entry, dir);
    const reason = skipReason(entry);
    if (reason !== null) {
      skipped.push({ name: entry.name, reason, bytes: entry.uncompressedSize });
      continue;
    }
    checkClaimedSizes(entry, memberLimit);
    total += entry.uncompressedSize;
    if (total > totalLimit) {
      throw new NpzFormatError('archive_too_large', entry.name, `the arrays up to this member declare ${total} decompressed bytes, over the ${totalLimit}-byte archive limit (maxTotalBytes)`);
    }
    arrays.push({ entry, start });
  }
  for (const s of skipped) options.onSkipped?.(s);
  for (const { entry, start } of arrays) {
    yield await decodeNpySpan(source, {
      name: entry.name,
      start,
      method: entry.method as 0 | 8,
      compressedSize: entry.compressedSize,
      uncompressedSize: entry.uncompressedSize,
      crc32: entry.crc32,
    });
  }
}

async function collect(source: ByteSource, options: DecodeNpzOptions): Promise<DecodedNpz> {
  const out: DecodedNpz = { members: [], skipped: [] };
  const onSkipped = (s: SkippedNpzMember) => {
    out.skipped.push(s);
    options.onSkipped?.(s);
  };
  for await (const member of iterateNpz(source, { ...options, onSkipped })) out.members.push(member);
  return out;
}

/** Decode an in-memory `.npz`: what `np.load` would give (arrays in archive order) and the members skipped. */
export function decodeNpz(bytes: Uint8Array, options: DecodeNpzOptions = {}): Promise<DecodedNpz> {
  return collect(memorySource(bytes, { adopt: options.adoptInput ?? false }), options);
}

/** Read a `.npz` file, streaming: the file is never loaded whole; each array is read straight into its buffer. */
export async function readNpzFile(path: string, options: DecodeNpzOptions = {}): Promise<DecodedNpz> {
  const handle = await open(path, 'r');
  try {
    return await collect(await fileSource(handle), options);
  } finally {
    await handle.close();
  }
}

/** Visit each member of a `.npz` file, one at a time (only one array in memory); returns the members skipped. */
export async function forEachNpzFileMember(
  path: string,
  visit: (member: NpzMember) => Promise<void> | void,
  options: DecodeNpzOptions = {},
): Promise<{ skipped: SkippedNpzMember[] }> {
  const handle = await open(path, 'r');
  const skipped: SkippedNpzMember[] = [];
  try {
    const onSkipped = (s: SkippedNpzMember) => {
      skipped.push(s);
      options.onSkipped?.(s);
    };
    for await (const member of iterateNpz(await fileSource(handle), { ...options, onSkipped })) await visit(member);
    return { skipped };
  } finally {
    await handle.close();
  }
}
