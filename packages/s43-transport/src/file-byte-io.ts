import type { FileHandle } from 'node:fs/promises';
import type { ByteSink, ByteSource } from './byte-source.js';

/** A ByteSource over an open file (positional reads, never loads the whole file). */
export async function fileSource(handle: FileHandle): Promise<ByteSource> {
  const { size } = await handle.stat();
  const readInto = async (offset: number, target: Uint8Array) => {
    const want = Math.max(0, Math.min(target.length, size - offset));
    let got = 0;
    while (got < want) {
      const { bytesRead } = await handle.read(target, got, want - got, offset + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return got;
  };
  return {
    size,
    read: async (offset, length) => {
      const out = Buffer.allocUnsafe(Math.max(0, Math.min(length, size - offset))); // every byte is overwritten by the read (or cut off below)
      const got = await readInto(offset, out);
      return got === out.length ? out : out.subarray(0, got);
    },
    readInto,
  };
}

/** A ByteSink writing to an open file; patches with positional writes. */
export function fileSink(handle: FileHandle): ByteSink {
  let position = 0;
  const writeAll = async (bytes: Uint8Array, at: number) => {
    let done = 0;
    while (done < bytes.length) {
      const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, at + done);
      done += bytesWritten;
    }
  };
  return {
    get position() {
      return position;
    },
    write: async (bytes) => {
      await writeAll(bytes, position);
      position += bytes.length;
    },
    patch: (offset, bytes) => writeAll(bytes, offset),
  };
}
