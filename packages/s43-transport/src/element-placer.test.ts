import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { elementPlacer } from './element-placer.js';

/** The reference: element at Fortran multi-index (i0, i1, …) goes to the same multi-index in C order. */
function fortranToCReference(bytes: Uint8Array, shape: readonly number[], itemsize: number): Uint8Array {
  const out = new Uint8Array(bytes.length);
  const size = shape.reduce((a, b) => a * b, 1);
  for (let f = 0; f < size; f += 1) {
    let rest = f;
    const index = shape.map((dim) => {
      const i = rest % dim;
      rest = Math.floor(rest / dim);
      return i;
    });
    const c = index.reduce((acc, i, k) => acc * shape[k]! + i, 0);
    out.set(bytes.subarray(f * itemsize, (f + 1) * itemsize), c * itemsize);
  }
  return out;
}

/** Split `bytes` at the given cut points into views that start at arbitrary (unaligned) byte offsets. */
function chunked(bytes: Uint8Array, cuts: readonly number[], misalign: number): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const to of [...points, bytes.length]) {
    if (to <= from) continue;
    const backing = new Uint8Array(misalign + to - from);
    backing.set(bytes.subarray(from, to), misalign);
    out.push(backing.subarray(misalign));
    from = to;
  }
  return out;
}

describe('elementPlacer: streamed element bytes land at their C-order position', () => {
  it('Fortran order, any shape and item size (1 to 20 bytes), chunks split anywhere and misaligned, staged or streamed', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 2, maxLength: 4 }),
        fc.constantFrom(1, 2, 3, 4, 8, 12, 16, 20),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.integer({ min: 0, max: 3 }),
        // 0: every column is longer than the stage (streamed element by element); else one to many columns staged
        fc.constantFrom(0, 8, 24, 100, 1000, 1 << 20),
        (shape, itemsize, cuts, misalign, stageBytes) => {
          const size = shape.reduce((a, b) => a * b, 1);
          const fortran = Uint8Array.from({ length: size * itemsize }, (_, k) => (k * 131 + 7) & 0xff);
          const dest = new Uint8Array(fortran.length);
          const place = elementPlacer(dest, shape, itemsize, true, stageBytes);
          for (const chunk of chunked(fortran, cuts, misalign)) place.push(chunk);
          place.finish();
          expect(Array.from(dest)).toEqual(Array.from(fortranToCReference(fortran, shape, itemsize)));
        },
      ),
      { numRuns: 600 },
    );
  });

  it('C order (and Fortran order of 0-d and 1-d arrays) is a plain append', () => {
    for (const [shape, fortran] of [
      [[2, 3], false],
      [[6], true],
      [[], true],
    ] as const) {
      const bytes = Uint8Array.from({ length: shape.reduce((a, b) => a * b, 1) * 4 }, (_, k) => k);
      const dest = new Uint8Array(bytes.length);
      const place = elementPlacer(dest, shape, 4, fortran);
      for (const chunk of chunked(bytes, [5, 9], 1)) place.push(chunk);
      place.finish();
      expect(Array.from(dest)).toEqual(Array.from(bytes));
    }
  });

  it('a (2, 3) Fortran array of 4-byte items: the worked example', () => {
    // Fortran order stores (0,0) (1,0) (0,1) (1,1) (0,2) (1,2); C order wants (0,0) (0,1) (0,2) (1,0) (1,1) (1,2)
    const fortran = new Uint8Array(Uint32Array.of(0, 3, 1, 4, 2, 5).buffer);
    for (const stageBytes of [0, 8, 24]) {
      const dest = new Uint8Array(24);
      const place = elementPlacer(dest, [2, 3], 4, true, stageBytes);
      place.push(fortran);
      place.finish();
      expect(Array.from(new Uint32Array(dest.buffer)), `stage ${stageBytes}`).toEqual([0, 1, 2, 3, 4, 5]);
    }
  });
});
