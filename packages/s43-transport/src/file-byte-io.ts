import type { FileHandle } from 'node:fs/promises';
import type { ByteSink, ByteSource } from './byte-source.js';

/** A ByteSource over an open file (reads with positional `read`, never loads the whole file). */
export async function fileSource(handle: FileHandle): Promise<ByteSource> {
  const { size } = await handle.stat();
  return {
    size,
    read: async (offset, length) => {
      const want = Math.max(0, Math.min(length, size - offset));
      const out = Buffer.allocUnsafe(want); // every byte is overwritten by the read (or cut off below)
      let got = 0;
      while (got < want) {
        const { bytesRead } = await handle.read(out, got, want - got, offset + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      return got === want ? out : out.subarray(0, got);
    },
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
