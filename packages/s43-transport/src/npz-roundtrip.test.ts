import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { craftNpy, craftZip } from '../test/craft-zip.js';
import { arraySha256 } from './array-sha256.js';
import { decodeNpz } from './decode-npz.js';
import { encodeNpz } from './encode-npz.js';
import { halfToNumber, numberToHalf } from './float16.js';
import type { NpyArray, NpyData } from './npy-array.js';
import { parseDtype } from './npy-dtype.js';
import { elementChunks, swapBytesInPlace } from './npy-elements.js';
import { npzContentDigest } from './npz-content-digest.js';
import { NpzFormatError } from './npz-error.js';

const DTYPES = ['|b1', '|i1', '|u1', '<i2', '<u2', '<i4', '<u4', '<i8', '<u8', '<f2', '<f4', '<f8', '<c8', '<c16', '<U3', '|S4'] as const;

function makeData(dtype: string, count: number, seed: number): NpyData {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
  const bytes = (n: number) => {
    const b = new Uint8Array(n);
    for (let k = 0; k < n; k += 1) b[k] = next() & 0xff;
    return b;
  };
  switch (dtype) {
    case '|b1':
      return Uint8Array.from({ length: count }, () => next() & 1);
    case '<U3':
      return Array.from({ length: count }, () => String.fromCodePoint(...Array.from({ length: next() % 4 }, () => 0x41 + (next() % 0x2000))).slice(0, 3));
    case '|S4':
      return Array.from({ length: count }, () => String.fromCharCode(...Array.from({ length: next() % 5 }, () => 1 + (next() % 255))));
    default: {
      const per = { '|i1': 1, '|u1': 1, '<i2': 2, '<u2': 2, '<f2': 2, '<i4': 4, '<u4': 4, '<f4': 4, '<i8': 8, '<u8': 8, '<f8': 8, '<c8': 8, '<c16': 16 }[dtype]!;
      const raw = bytes(count * per).buffer;
      const ctor = { '|i1': Int8Array, '|u1': Uint8Array, '<i2': Int16Array, '<u2': Uint16Array, '<f2': Uint16Array, '<i4': Int32Array, '<u4': Uint32Array, '<f4': Float32Array, '<i8': BigInt64Array, '<u8': BigUint64Array, '<f8': Float64Array, '<c8': Float32Array, '<c16': Float64Array }[dtype]!;
      return new ctor(raw);
    }
  }
}

const arrayArb = fc
  .record({
    dtype: fc.constantFrom(...DTYPES),
    shape: fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 4 }),
    seed: fc.integer(),
  })
  .map(({ dtype, shape, seed }): NpyArray => ({ dtype, shape, data: makeData(dtype, shape.reduce((a, b) => a * b, 1), seed) }));

const bytesOf = (data: NpyData) => (Array.isArray(data) ? data : Array.from(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));

describe('encode → decode round trip (property)', () => {
  it('any dtype and shape (0-d, empty, up to 4-d), stored or compressed, decodes to the same dtype, shape and bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/), arrayArb, { minKeys: 1, maxKeys: 4 }), fc.boolean(), async (arrays, compressed) => {
        const decoded = (await decodeNpz(await encodeNpz(arrays, { compressed }))).members;
        expect(decoded.map((m) => m.name)).toEqual(Object.keys(arrays));
        for (const m of decoded) {
          const original = arrays[m.name]!;
          expect(m.array.dtype).toBe(original.dtype);
          expect(m.descr).toBe(original.dtype);
          expect(m.array.shape).toEqual(original.shape);
          expect(bytesOf(m.array.data)).toEqual(bytesOf(original.data));
          expect(arraySha256(m.array)).toBe(arraySha256(original));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('encoding is deterministic: equal arrays give byte-identical files', async () => {
    const arrays = { a: { dtype: '<f4', shape: [2, 2], data: Float32Array.of(1, 2, 3, 4) } };
    expect(Buffer.from(await encodeNpz(arrays)).equals(Buffer.from(await encodeNpz(arrays)))).toBe(true);
    expect(Buffer.from(await encodeNpz(arrays, { compressed: true })).equals(Buffer.from(await encodeNpz(arrays, { compressed: true })))).toBe(true);
  });
});

/** The bytes of a C-order array laid out in Fortran order (first axis fastest). */
function cToFortran(bytes: Uint8Array, shape: readonly number[], itemsize: number): Uint8Array {
  const out = new Uint8Array(bytes.length);
  const size = shape.reduce((a, b) => a * b, 1);
  for (let c = 0; c < size; c += 1) {
    let rest = c;
    const index = new Array<number>(shape.length);
    for (let k = shape.length - 1; k >= 0; k -= 1) {
      index[k] = rest % shape[k]!;
      rest = Math.floor(rest / shape[k]!);
    }
    let f = 0;
    for (let k = shape.length - 1; k >= 0; k -= 1) f = f * shape[k]! + index[k]!;
    out.set(bytes.subarray(c * itemsize, (c + 1) * itemsize), f * itemsize);
  }
  return out;
}

const pythonShape = (shape: readonly number[]) => (shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`);

describe('big-endian and Fortran-ordered members decode to the native C-order array (property)', () => {
  it('any dtype and shape, big or little endian, Fortran or C order, stored or deflated', async () => {
    await fc.assert(
      fc.asyncProperty(arrayArb, fc.boolean(), fc.boolean(), fc.boolean(), async (array, bigEndian, fortran, deflated) => {
        const info = parseDtype(array.dtype, null);
        const cOrderLe = new Uint8Array(Buffer.concat([...elementChunks('a', array)])); // what np.savez writes for it
        const stored = fortran ? cToFortran(cOrderLe, array.shape, info.itemsize) : cOrderLe;
        if (bigEndian) swapBytesInPlace(stored, info.swapUnit);
        const descr = bigEndian && info.swapUnit > 1 ? `>${array.dtype.slice(1)}` : array.dtype;
        const header = `{'descr': '${descr}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': ${pythonShape(array.shape)}, }`;
        const [m] = (await decodeNpz(craftZip([{ name: 'a.npy', data: craftNpy(header, stored), method: deflated ? 8 : 0 }]))).members;
        expect({ descr: m!.descr, fortran: m!.fortranOrder, dtype: m!.array.dtype, shape: m!.array.shape }).toEqual({ descr, fortran, dtype: array.dtype, shape: array.shape });
        expect(bytesOf(m!.array.data)).toEqual(bytesOf(array.data));
        // the same content, however stored
        expect(npzContentDigest([m!])).toBe(npzContentDigest((await decodeNpz(await encodeNpz({ a: array }, { compressed: !deflated }))).members));
      }),
      { numRuns: 300 },
    );
  });
});

describe('float16 helpers', () => {
  it('every non-NaN binary16 pattern survives halfToNumber → numberToHalf', () => {
    for (let bits = 0; bits < 0x10000; bits += 1) {
      const v = halfToNumber(bits);
      if (Number.isNaN(v)) continue;
      expect(numberToHalf(v)).toBe(bits);
    }
  });
  it('numberToHalf rounds half to even and overflows to infinity', () => {
    expect(numberToHalf(1 + 2 ** -11)).toBe(0x3c00); // halfway between 1 and the next half: even (1) wins
    expect(numberToHalf(1 + 3 * 2 ** -11)).toBe(0x3c02);
    expect(numberToHalf(65520)).toBe(0x7c00);
    expect(numberToHalf(2 ** -25)).toBe(0); // half of the smallest subnormal rounds to even zero
  });
});

describe('fuzz: mutated files only ever produce typed errors', () => {
  it('flipped bytes, truncations and insertions never escape as anything but NpzFormatError', async () => {
    const seeds = [
      await encodeNpz({ a: { dtype: '<f8', shape: [3, 2], data: Float64Array.of(1, 2, 3, 4, 5, 6) }, s: { dtype: '<U2', shape: [2], data: ['ab', 'c'] } }),
      await encodeNpz({ a: { dtype: '<i2', shape: [4], data: Int16Array.of(1, -2, 3, -4) }, b: { dtype: '|b1', shape: [], data: Uint8Array.of(1) } }, { compressed: true }),
      // another writer's layout: zip64 extras and end records, data descriptors, a big-endian Fortran member
      craftZip(
        [
          { name: 'f.npy', data: craftNpy("{'descr': '>f8', 'fortran_order': True, 'shape': (2, 3), }", new Uint8Array(48).map((_, k) => k)), method: 8, dataDescriptor: true },
          { name: 'u.npy', data: craftNpy("{'descr': '>U2', 'fortran_order': True, 'shape': (2, 1), }", new Uint8Array(16).map((_, k) => (k % 4 === 3 ? 0x41 : 0))), dataDescriptor: true },
        ],
        { zip64: true },
      ),
    ];
    for (const seed of seeds) expect((await decodeNpz(seed)).members.length).toBe(2); // every seed is valid before mutation
    const mutation = fc.record({
      seed: fc.integer({ min: 0, max: seeds.length - 1 }),
      kind: fc.constantFrom('flip', 'truncate', 'insert', 'overwrite32'),
      at: fc.nat(),
      value: fc.integer({ min: 0, max: 0xffffffff }),
      count: fc.integer({ min: 1, max: 4 }),
    });
    let typed = 0;
    await fc.assert(
      fc.asyncProperty(mutation, async ({ seed, kind, at, value, count }) => {
        const base = seeds[seed]!;
        const pos = at % base.length;
        let bytes: Uint8Array;
        if (kind === 'truncate') bytes = base.slice(0, pos);
        else if (kind === 'insert') bytes = new Uint8Array([...base.subarray(0, pos), ...Array.from({ length: count }, (_, k) => (value >>> (8 * k)) & 0xff), ...base.subarray(pos)]);
        else {
          bytes = base.slice();
          if (kind === 'flip') for (let k = 0; k < count; k += 1) bytes[(pos + k * 7919) % bytes.length]! ^= 1 << ((value >>> k) & 7);
          else new DataView(bytes.buffer).setUint32(Math.min(pos, bytes.length - 4), value, true);
        }
        try {
          await decodeNpz(bytes, { maxMemberBytes: 1 << 20 });
        } catch (error) {
          if (!(error instanceof NpzFormatError)) throw error;
          typed += 1;
        }
      }),
      { numRuns: 2000, seed: 43 },
    );
    expect(typed).toBeGreaterThan(500);
  });
});
