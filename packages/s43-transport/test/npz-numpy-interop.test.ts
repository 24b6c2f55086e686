import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  arraySha256,
  decodeNpz,
  encodeNpz,
  halfToNumber,
  NpzFormatError,
  type NpzMember,
  npyArray,
  readNpy,
  readNpyFile,
  readNpzFile,
  writeNpy,
  writeNpyFile,
  writeNpzFile,
} from '../src/index.js';
import { craftNpy, craftZip } from './craft-zip.js';
import { needNumpy, runPython } from './numpy-python.js';

const numpy = needNumpy();
const MAKE = fileURLToPath(new URL('./numpy/make_fixtures.py', import.meta.url));
const CHECK = fileURLToPath(new URL('./numpy/check_ours.py', import.meta.url));

interface Expected {
  dtype: string;
  shape: number[];
  fortran_order: boolean;
  sha256: string;
  values: unknown[] | null;
}

const num = (v: number) => (Number.isNaN(v) ? null : v === Number.POSITIVE_INFINITY ? 'inf' : v === Number.NEGATIVE_INFINITY ? '-inf' : v);

/** The values of a decoded array in the manifest's JSON form (see make_fixtures.py). */
function jsonValues(m: NpzMember): unknown[] {
  const { dtype, data } = m.array;
  if (Array.isArray(data)) return data;
  if (dtype === '<c8' || dtype === '<c16') {
    const out: unknown[][] = [];
    for (let k = 0; k < data.length; k += 2) out.push([num(Number(data[k])), num(Number(data[k + 1]))]);
    return out;
  }
  if (/^<[Mm]8/.test(dtype)) return Array.from(data as BigInt64Array, (v) => String(v));
  if (/^[<|][iu]/.test(dtype)) return Array.from(data as ArrayLike<number | bigint>, (v) => String(v));
  if (dtype === '|b1') return Array.from(data as Uint8Array, (v) => v === 1);
  if (dtype === '<f2') return Array.from(data as Uint16Array, (v) => num(halfToNumber(v)));
  return Array.from(data as Float32Array, (v) => num(v));
}

describe.skipIf(numpy === null)('numpy interop (python3 + numpy)', () => {
  let dir: string;
  let manifest: Record<string, Expected>;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 's43-numpy-'));
    runPython(numpy!.python, [MAKE, dir]);
    manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  });

  it('the fixtures hold what the tests below claim: Fortran-ordered members of every copy unit, and big ones', () => {
    const fortran = Object.entries(manifest).filter(([, m]) => m.fortran_order);
    expect(fortran.map(([name, m]) => [name, m.dtype])).toEqual([
      ['fortran_f8', '<f8'],
      ['fortran_be_i4', '>i4'],
      ['fortran_f2', '<f2'],
      ['fortran_c16_be', '>c16'],
      ['fortran_unicode', '<U3'],
      ['fortran_big_S3', '|S3'],
      ['fortran_big_U3', '<U3'],
      ['transposed_f4', '<f4'],
    ]);
  });

  for (const file of ['savez.npz', 'savez_compressed.npz']) {
    it(`${file}: every dtype, byte order, fortran order, 0-d, empty and string array decodes to numpy's values`, async () => {
      const members = (await readNpzFile(join(dir, file))).members;
      expect(members.map((m) => m.name)).toEqual(Object.keys(manifest));
      for (const m of members) {
        const want = manifest[m.name]!;
        expect({ name: m.name, descr: m.descr, shape: m.array.shape, fortran: m.fortranOrder }).toEqual({
          name: m.name,
          descr: want.dtype,
          shape: want.shape,
          fortran: want.fortran_order,
        });
        expect(arraySha256(m.array), m.name).toBe(want.sha256);
        if (want.values !== null) expect(jsonValues(m), m.name).toEqual(want.values);
      }
    });
  }

  for (const file of ['savez.npz', 'savez_compressed.npz']) {
    it(`${file}: in-memory decode (unaligned views into the file) gives numpy's hashes too`, async () => {
      const fromBytes = (await decodeNpz(readFileSync(join(dir, file)))).members;
      expect(fromBytes.map((m) => [m.name, arraySha256(m.array)])).toEqual(Object.entries(manifest).map(([name, m]) => [name, m.sha256]));
    });
  }

  it('a streamed zip (data descriptors) is read and its non-.npy member ignored', async () => {
    const bytes = readFileSync(join(dir, 'streamed.npz'));
    expect(bytes.readUInt32LE(0)).toBe(0x04034b50);
    expect(bytes.readUInt16LE(6) & 0x08).toBe(0x08); // general purpose flag bit 3: sizes in a data descriptor
    const members = (await readNpzFile(join(dir, 'streamed.npz'))).members;
    expect(members.map((m) => [m.name, arraySha256(m.array)])).toEqual(['f4_le', 'unicode', 'fortran_f8'].map((n) => [n, manifest[n]!.sha256]));
  });

  it('datetime64 / timedelta64 in every unit (and NaT) decode to BigInt64Array with the unit in the dtype; raw bool bytes read as True', async () => {
    const { members } = await readNpzFile(join(dir, 'savez.npz'));
    const byName = new Map(members.map((m) => [m.name, m]));
    const units = ['Y', 'M', 'W', 'D', 'h', 'm', 's', 'ms', 'us', 'ns', 'ps', 'fs', 'as'];
    for (const unit of units) {
      for (const [prefix, kind] of [['dt', 'M'], ['td', 'm']] as const) {
        const m = byName.get(`${prefix}_${unit}_be`)!;
        expect(m.array.dtype).toBe(`<${kind}8[${unit}]`);
        expect(m.array.data).toBeInstanceOf(BigInt64Array);
        expect(Array.from(m.array.data as BigInt64Array)).toEqual([0n, 1n, -5n, 123456789n, -(2n ** 63n), 2n ** 63n - 1n]);
      }
    }
    expect(byName.get('dt_5s')!.array.dtype).toBe('<M8[5s]');
    expect(byName.get('td_generic')!.array.dtype).toBe('<m8');
    expect(Array.from(byName.get('bool_raw_bytes')!.array.data as Uint8Array)).toEqual([0, 1, 1, 1]);
  });

  it('unusual names numpy writes (empty, folders, .., spaces, non-ASCII) keep numpy\'s keys; nothing is skipped', async () => {
    const { members, skipped } = await readNpzFile(join(dir, 'odd_names.npz'));
    expect(members.map((m) => [m.name, m.array.shape])).toEqual([
      ['', [3]],
      ['a/b', [4]],
      ['../up', [5]],
      ['sp ace', [6]],
      ['ünï', [7]],
    ]);
    expect(skipped).toEqual([]);
    const out = join(dir, 'odd_names_ours.npz');
    await writeNpzFile(out, members.map((m) => [m.name, m.array] as const));
    const manifestPath = join(dir, 'odd_names_ours.json');
    writeFileSync(manifestPath, JSON.stringify(Object.fromEntries(members.map((m) => [m.name, { dtype: m.array.dtype, shape: m.array.shape, sha256: arraySha256(m.array) }]))));
    expect(JSON.parse(runPython(numpy!.python, [CHECK, out, manifestPath]))).toEqual({ ok: true, problems: [] });
  });

  it('bare .npy files (np.save) are read by readNpy / readNpyFile, and writeNpy output is what np.save writes', async () => {
    const bare = await readNpyFile(join(dir, 'bare.npy'));
    expect([bare.descr, bare.fortranOrder, arraySha256(bare.array)]).toEqual(['>c16', true, manifest.fortran_c16_be!.sha256]);
    const dt = await readNpy(readFileSync(join(dir, 'bare_dt.npy')));
    expect([dt.descr, dt.array.dtype, arraySha256(dt.array)]).toEqual(['>M8[ns]', '<M8[ns]', manifest.dt_ns_be!.sha256]);
    const out = join(dir, 'ours.npy');
    await writeNpyFile(out, dt.array);
    expect(Buffer.from(writeNpy(dt.array)).equals(readFileSync(out))).toBe(true);
    const check = runPython(numpy!.python, ['-c', `import numpy as np, sys; a = np.load(sys.argv[1]); print(a.dtype.str, a.view('<i8').tolist())`, out]);
    expect(check.trim()).toBe('<M8[ns] [0, 1, -5, 123456789, -9223372036854775808, 9223372036854775807]');
  });

  it('.npy format 2.0 and 3.0, and 16-byte header padding with keys in another order, are read', async () => {
    const members = (await readNpzFile(join(dir, 'versions.npz'))).members;
    expect(members.map((m) => [m.name, m.descr, m.array.shape, arraySha256(m.array)])).toEqual(
      ['v2', 'v3', 'pad16'].map((n) => [n, '<i4', [3, 4], manifest.i4_le!.sha256]),
    );
  });

  it('files numpy writes with object, structured, datetime or void dtypes are refused with a typed error naming the member', async () => {
    const rejected: Record<string, { code: string; member: string }> = JSON.parse(readFileSync(join(dir, 'rejected.json'), 'utf8'));
    expect(Object.keys(rejected)).toHaveLength(12);
    expect(rejected.longdouble).toBeDefined();
    for (const [name, want] of Object.entries(rejected)) {
      const error = await readNpzFile(join(dir, 'rejected', `${name}.npz`)).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, name).toBeInstanceOf(NpzFormatError);
      expect({ code: (error as NpzFormatError).code, member: (error as NpzFormatError).member }, name).toEqual(want);
      if (name.startsWith('struct') && want.code === 'unsupported_dtype') expect((error as NpzFormatError).reason, name).toMatch(/^structured dtypes \(here with fields .+\) are not supported/);
    }
  });

  it('member names decode as np.load keys them: UTF-8 when flagged, code page 437 otherwise', async () => {
    const npy = craftNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", new Uint8Array(4));
    const file = join(dir, 'names.npz');
    // the same UTF-8 bytes of 'é', once with the UTF-8 flag (bit 11) and once without it
    writeFileSync(file, craftZip([{ name: 'é_flagged.npy', data: npy, flags: 0x800 }, { name: 'é_plain.npy', data: npy }]));
    const keys = JSON.parse(runPython(numpy!.python, ['-c', 'import json, sys, numpy as np; print(json.dumps(np.load(sys.argv[1]).files))', file]));
    expect(keys).toEqual(['é_flagged', '├⌐_plain']);
    expect((await readNpzFile(file)).members.map((m) => m.name)).toEqual(keys);
  });

  it('np.savez output is reproduced byte for byte by our stored writer (same arrays, native order)', async () => {
    const members = (await readNpzFile(join(dir, 'savez.npz'))).members;
    const ours = await encodeNpz(members.map((m) => [m.name, m.array] as const));
    expect(Buffer.from(ours).equals(readFileSync(join(dir, 'savez_normalized.npz')))).toBe(true);
  });

  for (const compressed of [false, true]) {
    it(`files we write (${compressed ? 'compressed' : 'stored'}) load in numpy with identical values, dtypes and shapes`, async () => {
      const members = (await readNpzFile(join(dir, 'savez.npz'))).members;
      const out = join(dir, `ours-${compressed}.npz`);
      await writeNpzFile(out, members.map((m) => [m.name, m.array] as const), { compressed });
      const expected = Object.fromEntries(members.map((m) => [m.name, { ...manifest[m.name]!, dtype: m.array.dtype }]));
      const manifestPath = join(dir, `ours-${compressed}.json`);
      writeFileSync(manifestPath, JSON.stringify(expected));
      expect(JSON.parse(runPython(numpy!.python, [CHECK, out, manifestPath]))).toEqual({ ok: true, problems: [] });
    });
  }

  it('arrays built in TypeScript load in numpy with the values we put in', async () => {
    const out = join(dir, 'built.npz');
    await writeNpzFile(out, {
      preds: npyArray(Float32Array.of(0.5, -1.25, 3e38), [3]),
      ids: npyArray(BigInt64Array.of(-(2n ** 63n), 2n ** 63n - 1n), [2, 1]),
      labels: npyArray(['a', 'bé', '😀'], [3]),
      mask: npyArray(Uint8Array.of(1, 0, 1, 1), [2, 2], '|b1'),
      raw: npyArray(['x\u00ff'], [1], '|S4'),
      scalar: npyArray(Float64Array.of(Math.PI), []),
    });
    const manifestPath = join(dir, 'built.json');
    const sha = (a: ReturnType<typeof npyArray>) => arraySha256(a);
    writeFileSync(
      manifestPath,
      JSON.stringify({
        preds: { dtype: '<f4', shape: [3], sha256: sha(npyArray(Float32Array.of(0.5, -1.25, 3e38))), values: [0.5, -1.25, Math.fround(3e38)] },
        ids: { dtype: '<i8', shape: [2, 1], sha256: sha(npyArray(BigInt64Array.of(-(2n ** 63n), 2n ** 63n - 1n))), values: ['-9223372036854775808', '9223372036854775807'] },
        labels: { dtype: '<U2', shape: [3], sha256: sha(npyArray(['a', 'bé', '😀'], [3], '<U2')), values: ['a', 'bé', '😀'] },
        mask: { dtype: '|b1', shape: [2, 2], sha256: sha(npyArray(Uint8Array.of(1, 0, 1, 1), [4], '|b1')), values: [true, false, true, true] },
        raw: { dtype: '|S4', shape: [1], sha256: sha(npyArray(['x\u00ff'], [1], '|S4')), values: ['x\u00ff'] },
        scalar: { dtype: '<f8', shape: [], sha256: sha(npyArray(Float64Array.of(Math.PI), [])), values: [Math.PI] },
      }),
    );
    // npyArray infers <U2 for labels: its longest element has two characters
    expect(JSON.parse(runPython(numpy!.python, [CHECK, out, manifestPath]))).toEqual({ ok: true, problems: [] });
  });
});
