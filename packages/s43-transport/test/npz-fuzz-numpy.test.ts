import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { arraySha256, decodeNpz, encodeNpz, NpzFormatError, npyArray } from '../src/index.js';
import { craftNpy, craftZip } from './craft-zip.js';
import { needNumpy } from './numpy-python.js';

/**
 * Fuzzing against numpy (issue 14 item 7): a fixed seed, a bounded count. Valid archives are mutated (bit
 * flips, truncations, .npy header edits with consistent CRCs, corrupt central directories, zip bombs); each
 * mutation must end in a typed NpzFormatError or in exactly the arrays numpy loads from the same bytes
 * (dtype as stored, shape, element hash). numpy, run once over all files, is the reference.
 */
const numpy = needNumpy();
const LOAD_EACH = fileURLToPath(new URL('./numpy/load_each.py', import.meta.url));
const LIMITS = { maxMemberBytes: 8 << 20, maxTotalBytes: 16 << 20 };

/** mulberry32: a small seeded PRNG (the fuzz cases are the same on every run). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface FuzzCase {
  name: string;
  bytes: Uint8Array;
  /** Zip bombs are not handed to numpy (it would allocate what they declare): ours must refuse them. */
  bomb?: boolean;
}

async function seeds(): Promise<Uint8Array[]> {
  return [
    await encodeNpz({ a: npyArray(Float64Array.of(1, 2, 3, 4, 5, 6), [3, 2]), s: npyArray(['ab', 'c']) }),
    await encodeNpz({ i: npyArray(Int16Array.of(1, -2, 3, -4)), b: npyArray(Uint8Array.of(1, 0, 1), [3], '|b1') }, { compressed: true }),
    await encodeNpz({ t: npyArray(BigInt64Array.of(0n, 1n, -(2n ** 63n)), [3], '<M8[ns]'), u: npyArray(Uint32Array.of(7, 8), [1, 2]) }),
    craftZip(
      [
        { name: 'f.npy', data: craftNpy("{'descr': '>f8', 'fortran_order': True, 'shape': (2, 3), }", new Uint8Array(48).map((_, k) => k)), method: 8 },
        { name: 'u.npy', data: craftNpy("{'descr': '>U2', 'fortran_order': True, 'shape': (2, 1), }", new Uint8Array(16).map((_, k) => (k % 4 === 3 ? 0x41 : 0))) },
      ],
      { zip64: true },
    ),
  ];
}

/** .npy members with headers to edit: [header text, data bytes]. */
const HEADERS: [string, Uint8Array][] = [
  ["{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", new Uint8Array(48).map((_, k) => k * 5)],
  ["{'descr': '<i4', 'fortran_order': True, 'shape': (3, 2), }", new Uint8Array(24).map((_, k) => k)],
  ["{'descr': '|b1', 'fortran_order': False, 'shape': (8,), }", new Uint8Array(8).map((_, k) => k % 3)],
  ["{'descr': '<m8[s]', 'fortran_order': False, 'shape': (2,), }", new Uint8Array(16).map((_, k) => k)],
];
const HEADER_EDITS: [RegExp | string, string][] = [
  ['<', '>'],
  ['False', 'True'],
  ['True', 'False'],
  ['(2, 3)', '(3, 2)'],
  ['(2, 3)', '(6,)'],
  ['(8,)', '(2, 4)'],
  ['(8,)', '(9,)'],
  ['<f8', '<i8'],
  ['<f8', '<c8'],
  ['<i4', '<u4'],
  ['<i4', '<f4'],
  ['|b1', '|u1'],
  ['|b1', '|i1'],
  ['[s]', '[ns]'],
  ['[s]', '[D]'],
  ['[s]', '[5s]'],
  ["'shape'", "'shapes'"],
  [/, }$/, '}'],
  ['descr', 'DESCR'],
];

function cases(base: Uint8Array[]): FuzzCase[] {
  const random = prng(43);
  const int = (n: number) => Math.floor(random() * n);
  const out: FuzzCase[] = [];
  const add = (name: string, bytes: Uint8Array, bomb = false) => out.push({ name: `${String(out.length).padStart(3, '0')}-${name}`, bytes, bomb });
  for (let k = 0; k < 120; k += 1) {
    const bytes = base[int(base.length)]!.slice();
    for (let f = 0, flips = 1 + int(4); f < flips; f += 1) bytes[int(bytes.length)]! ^= 1 << int(8);
    add('flip', bytes);
  }
  for (let k = 0; k < 50; k += 1) {
    const seed = base[int(base.length)]!;
    add('truncate', seed.slice(0, int(seed.length)));
  }
  for (let k = 0; k < 60; k += 1) {
    const [header, data] = HEADERS[int(HEADERS.length)]!;
    const [from, to] = HEADER_EDITS[int(HEADER_EDITS.length)]!;
    const edited = header.replace(from, to);
    add('header', craftZip([{ name: 'x.npy', data: craftNpy(edited, data), method: random() < 0.5 ? 0 : 8 }, { name: 'y.npy', data: craftNpy(HEADERS[0]![0], HEADERS[0]![1]) }]));
  }
  for (let k = 0; k < 60; k += 1) {
    const seed = base[int(base.length)]!;
    const bytes = seed.slice();
    const view = new DataView(bytes.buffer);
    const eocd = bytes.length - 22;
    const cdOffset = view.getUint32(eocd + 16, true);
    const cdStart = cdOffset === 0xffffffff ? Number(new DataView(bytes.buffer).getBigUint64(bytes.length - 22 - 20 - 56 + 48, true)) : cdOffset;
    const field = int(6);
    if (field === 0) bytes[cdStart + 46 + int(3)]! ^= 1 << int(8); // a name byte of the first entry
    else if (field === 1) view.setUint32(cdStart + 20, view.getUint32(cdStart + 20, true) + 1 + int(64), true); // compressed size
    else if (field === 2) view.setUint32(cdStart + 24, int(1 << 20), true); // uncompressed size
    else if (field === 3) view.setUint32(cdStart + 42, int(bytes.length), true); // local header offset
    else if (field === 4) view.setUint16(eocd + 10, view.getUint16(eocd + 10, true) + 1, true); // entry count
    else view.setUint32(eocd + 16, cdOffset === 0xffffffff ? cdOffset : int(bytes.length), true); // directory offset
    add('directory', bytes);
  }
  // zip bombs: honest members of 6 MiB zeros (a few KiB each) repeated past the archive limit, and lies
  const zeros = craftNpy("{'descr': '|u1', 'fortran_order': False, 'shape': (6291456,), }", new Uint8Array(6 << 20));
  const deflated = deflateRawSync(zeros);
  for (let k = 0; k < 8; k += 1) {
    const count = 3 + int(30);
    add('bomb-many', craftZip(Array.from({ length: count }, (_, m) => ({ name: `m${m}.npy`, data: zeros, method: 8 as const, deflated }))), true);
  }
  add('bomb-one', craftZip([{ name: 'big.npy', data: craftNpy("{'descr': '|u1', 'fortran_order': False, 'shape': (16777216,), }", new Uint8Array(16 << 20)), method: 8 }]), true);
  add('bomb-lies', craftZip([{ name: 'lie.npy', data: zeros, method: 8, deflated, uncompressedSize: 1000 }]), true);
  return out;
}

type Outcome = { ok: Record<string, [string, number[], string]> } | { error: string };

describe.skipIf(numpy === null)('fuzzing against numpy (seeded, bounded)', () => {
  it('every mutation ends in a typed NpzFormatError or in the same arrays numpy loads', { timeout: 120_000 }, async () => {
    const all = cases(await seeds());
    expect(all.length).toBe(300);
    const dir = mkdtempSync(join(tmpdir(), 's43-fuzz-'));
    const ours = new Map<string, Outcome>();
    for (const c of all) {
      try {
        const { members } = await decodeNpz(c.bytes, LIMITS);
        ours.set(c.name, { ok: Object.fromEntries(members.map((m) => [`${m.name}.npy`, [m.descr, m.array.shape, arraySha256(m.array)]])) });
      } catch (error) {
        if (!(error instanceof NpzFormatError)) throw new Error(`${c.name}: ${String(error)} is not a typed NpzFormatError`);
        ours.set(c.name, { error: error.code });
      }
      if (!c.bomb) writeFileSync(join(dir, `${c.name}.npz`), c.bytes);
    }
    for (const c of all.filter((c) => c.bomb)) expect(ours.get(c.name), c.name).toHaveProperty('error');
    const run = spawnSync(numpy!.python, [LOAD_EACH], {
      input: all.filter((c) => !c.bomb).map((c) => join(dir, `${c.name}.npz`)).join('\n'),
      encoding: 'utf8',
      cwd: fileURLToPath(new URL('./numpy/', import.meta.url)),
      maxBuffer: 64 << 20,
    });
    if (run.status !== 0) throw new Error(run.stderr);
    const reference: Record<string, Outcome> = JSON.parse(run.stdout);
    const tally = { both_refuse: 0, same_arrays: 0, only_ours_refuses: 0 };
    for (const c of all.filter((c) => !c.bomb)) {
      const mine = ours.get(c.name)!;
      const theirs = reference[join(dir, `${c.name}.npz`)]!;
      if ('ok' in mine) {
        // we never accept what numpy refuses, and never give other arrays than numpy's
        expect(theirs, c.name).toEqual(mine);
        tally.same_arrays += 1;
      } else if ('error' in theirs) tally.both_refuse += 1;
      else tally.only_ours_refuses += 1;
    }
    // the corpus exercises both outcomes: many mutations decode (to numpy's arrays), many are refused
    expect(tally.same_arrays).toBeGreaterThan(20);
    expect(tally.both_refuse).toBeGreaterThan(50);
  });
});
