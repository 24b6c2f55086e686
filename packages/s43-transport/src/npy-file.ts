import { open } from 'node:fs/promises';
import { writeFileAtomically } from './atomic-file.js';
import { type ByteSource, memorySource } from './byte-source.js';
import { decodeNpySpan } from './decode-npy-member.js';
import { fileSink, fileSource } from './file-byte-io.js';
import type { NpyArray, NpzMember } from './npy-array.js';
import { elementChunks } from './npy-elements.js';
import { formatNpyHeader, NPY_MAGIC } from './npy-header.js';
import { NpzFormatError } from './npz-error.js';

/** A bare `.npy` as `np.load` reads it: the array, the descr and order as stored. */
export type NpyFile = Omit<NpzMember, 'name'>;

/** Does `prefix` start with the `.npy` magic (`\x93NUMPY`)? A `.npz` starts with `PK`. Pure. */
export function isNpyBytes(prefix: Uint8Array): boolean {
  return prefix.length >= NPY_MAGIC.length && NPY_MAGIC.every((b, k) => prefix[k] === b);
}

async function decodeNpySource(source: ByteSource, name: string, maxBytes: number | undefined): Promise<NpyFile> {
  if (maxBytes !== undefined && source.size > maxBytes) throw new NpzFormatError('member_too_large', name, `${source.size} bytes exceed the ${maxBytes}-byte limit`);
  const { name: _name, ...rest } = await decodeNpySpan(source, { name, start: 0, method: 0, compressedSize: source.size, uncompressedSize: source.size, crc32: null });
  return rest;
}

/** Decode a bare `.npy` held in memory (`np.save`'s output). Throws NpzFormatError (member: `name`). */
export function readNpy(bytes: Uint8Array, options: { name?: string; maxBytes?: number } = {}): Promise<NpyFile> {
  return decodeNpySource(memorySource(bytes), options.name ?? 'array.npy', options.maxBytes);
}

/** Read a bare `.npy` file: the payload is read straight into the array's buffer. */
export async function readNpyFile(path: string, options: { maxBytes?: number } = {}): Promise<NpyFile> {
  const handle = await open(path, 'r');
  try {
    return await decodeNpySource(await fileSource(handle), path, options.maxBytes);
  } finally {
    await handle.close();
  }
}

function* npyParts(array: NpyArray): Generator<Uint8Array> {
  const chunks = elementChunks('array', array, 64 << 20); // validates before the header is produced
  const first = chunks.next();
  yield formatNpyHeader(array.dtype, array.shape);
  if (!first.done) yield first.value;
  yield* chunks;
}

/** Encode one array as `np.save` writes it (format 1.0 header padded to 64, C order, native byte order). */
export function writeNpy(array: NpyArray): Uint8Array {
  const parts = [...npyParts(array)];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Write one array as a bare `.npy` file, atomically (temp file renamed into place). */
export async function writeNpyFile(path: string, array: NpyArray): Promise<void> {
  await writeFileAtomically(path, async (handle) => {
    const sink = fileSink(handle);
    for (const part of npyParts(array)) await sink.write(part);
  });
}

