import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OutputTail } from './output-tail.js';

describe('OutputTail', () => {
  it('keeps exactly the last `limit` bytes of any ASCII chunk sequence and counts all bytes (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ max: 127, maxLength: 50 }), { maxLength: 30 }), fc.integer({ min: 1, max: 120 }), (chunks, limit) => {
        const tail = new OutputTail(limit);
        for (const chunk of chunks) tail.push(Buffer.from(chunk));
        const all = Buffer.concat(chunks.map((c) => Buffer.from(c)));
        expect(tail.snapshot()).toEqual({
          tail: all.subarray(Math.max(0, all.length - limit)).toString('utf8'),
          bytes: all.length,
          truncated: all.length > limit,
        });
      }),
    );
  });

  it('ASCII output: the tail is byte-exact', () => {
    const tail = new OutputTail(10);
    for (const piece of ['hello ', 'big ', 'wide ', 'world']) tail.push(Buffer.from(piece));
    expect(tail.snapshot()).toEqual({ tail: 'wide world', bytes: 20, truncated: true });
  });

  it('does not start the tail in the middle of a UTF-8 character', () => {
    const tail = new OutputTail(4);
    tail.push(Buffer.from('aé€')); // 1 + 2 + 3 bytes: the last 4 bytes start inside "é"
    expect(tail.snapshot().tail).toBe('€');
  });
});
