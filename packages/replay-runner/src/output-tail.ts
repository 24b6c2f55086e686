/** A captured output stream, bounded: the last `limit` bytes, and how much was produced in all. */
export interface CapturedOutput {
  /** The tail, decoded as UTF-8. */
  readonly tail: string;
  /** Total bytes the child wrote to the stream. */
  readonly bytes: number;
  /** True when bytes were dropped from the front. */
  readonly truncated: boolean;
}

/** Keeps the last `limit` bytes of a stream in memory, whatever its size. */
export class OutputTail {
  private chunks: Buffer[] = [];
  private kept = 0;
  private total = 0;

  constructor(readonly limit: number) {}

  push(chunk: Buffer): void {
    this.total += chunk.length;
    if (this.limit <= 0) return;
    const piece = chunk.length > this.limit ? chunk.subarray(chunk.length - this.limit) : chunk;
    this.chunks.push(piece);
    this.kept += piece.length;
    while (this.kept - this.chunks[0]!.length >= this.limit) {
      this.kept -= this.chunks.shift()!.length;
    }
  }

  snapshot(): CapturedOutput {
    let buffer = Buffer.concat(this.chunks);
    if (buffer.length > this.limit) buffer = buffer.subarray(buffer.length - this.limit);
    // Do not start in the middle of a UTF-8 sequence.
    let start = 0;
    if (this.total > buffer.length) {
      while (start < buffer.length && start < 4 && (buffer[start]! & 0xc0) === 0x80) start += 1;
    }
    return { tail: buffer.subarray(start).toString('utf8'), bytes: this.total, truncated: this.total > buffer.length - start };
  }
}
