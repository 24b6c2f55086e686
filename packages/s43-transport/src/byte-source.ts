/** Random-access bytes the zip reader pulls from: an in-memory buffer or an open file. */
export interface ByteSource {
  readonly size: number;
  /** Exactly `length` bytes at `offset` (fewer only past the end). May return a view, not a copy. */
  read(offset: number, length: number): Promise<Uint8Array>;
  /** Fill `target` with the bytes at `offset` (straight into it: no intermediate buffer); returns the count filled. */
  readInto(offset: number, target: Uint8Array): Promise<number>;
  /**
   * Present only on a source whose bytes the decoder may keep and modify (an adopted buffer): a view of
   * `length` bytes at `offset`, so a stored array can be the source's own bytes (no copy at all).
   */
  view?(offset: number, length: number): Uint8Array;
}

/** Bytes in memory. With `adopt`, decoded arrays may be views of `bytes` (which the caller then gives up). */
export function memorySource(bytes: Uint8Array, options: { adopt?: boolean } = {}): ByteSource {
  return {
    ...(options.adopt ? { view: (offset: number, length: number) => bytes.subarray(offset, offset + length) } : {}),
    size: bytes.length,
    read: async (offset, length) => bytes.subarray(offset, Math.min(bytes.length, offset + length)),
    readInto: async (offset, target) => {
      const part = bytes.subarray(offset, Math.min(bytes.length, offset + target.length));
      target.set(part);
      return part.length;
    },
  };
}

/** Where the zip writer sends bytes: appended in order, with the local headers patched in place later. */
export interface ByteSink {
  /** Bytes written so far. */
  readonly position: number;
  write(bytes: Uint8Array): Promise<void>;
  /** Overwrite already-written bytes at `offset`. */
  patch(offset: number, bytes: Uint8Array): Promise<void>;
}

/** A sink collecting chunks in memory; `bytes()` concatenates them once at the end. */
export function memorySink(): ByteSink & { bytes(): Uint8Array } {
  const chunks: { at: number; data: Uint8Array }[] = [];
  let position = 0;
  return {
    get position() {
      return position;
    },
    write: async (bytes) => {
      // kept by reference: the encoder never reuses a buffer it has written
      chunks.push({ at: position, data: bytes });
      position += bytes.length;
    },
    patch: async (offset, bytes) => {
      for (const chunk of chunks) {
        if (offset >= chunk.at && offset + bytes.length <= chunk.at + chunk.data.length) {
          chunk.data.set(bytes, offset - chunk.at);
          return;
        }
      }
      throw new Error(`patch at ${offset} does not fall inside one written chunk`);
    },
    bytes: () => {
      const out = new Uint8Array(position);
      for (const chunk of chunks) out.set(chunk.data, chunk.at);
      return out;
    },
  };
}
