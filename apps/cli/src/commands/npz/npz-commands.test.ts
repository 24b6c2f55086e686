import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { decodeNpz, encodeNpz, npyArray } from '@repro/s43-transport';
import { beforeAll, describe, expect, it } from 'vitest';
import { craftNpy, craftZip } from '../../../../../packages/s43-transport/test/craft-zip.js';
import { runRepro } from '../../../test/run-cli-in-process.js';

const BIN = fileURLToPath(new URL('../../../bin/repro.cjs', import.meta.url));
const sha = (b: ArrayBufferView) => createHash('sha256').update(new Uint8Array(b.buffer, b.byteOffset, b.byteLength)).digest('hex');

let dir: string;
let good: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'repro-npz-cli-'));
  good = join(dir, 'good.npz');
  writeFileSync(good, await encodeNpz({ preds: npyArray(Float32Array.of(1, 2, 3, 4), [2, 2]), labels: npyArray(['ab', 'c']) }));
});

/** A big-endian, Fortran-ordered member crafted by hand: (2, 3) float64 with values 0..5 in C order. */
function bigEndianFortran(): Uint8Array {
  const data = Buffer.alloc(48);
  const c = [0, 1, 2, 3, 4, 5];
  // Fortran order walks the first axis fastest: (0,0),(1,0),(0,1),(1,1),(0,2),(1,2)
  for (const [k, ci] of [0, 3, 1, 4, 2, 5].entries()) data.writeDoubleBE(c[ci]!, 8 * k);
  return craftZip([{ name: 'be.npy', data: craftNpy("{'descr': '>f8', 'fortran_order': True, 'shape': (2, 3), }", data) }]);
}

describe('repro npz inspect', () => {
  it('--json prints {members: [{name, dtype, shape, fortran_order, sha256}]} with sha256 over C-order little-endian elements', async () => {
    const run = await runRepro(['npz', 'inspect', good, '--json']);
    expect(run.code).toBe(0);
    const utf32 = Buffer.alloc(16);
    utf32.writeUInt32LE(0x61, 0);
    utf32.writeUInt32LE(0x62, 4);
    utf32.writeUInt32LE(0x63, 8);
    expect(JSON.parse(run.stdout)).toEqual({
      format: 'npz',
      members: [
        { name: 'preds', dtype: '<f4', shape: [2, 2], fortran_order: false, sha256: sha(Float32Array.of(1, 2, 3, 4)) },
        { name: 'labels', dtype: '<U2', shape: [2], fortran_order: false, sha256: sha(utf32) },
      ],
      skipped: [],
    });
  });
  it('reports the descr as stored (>f8, fortran) while hashing the values in C order, little-endian', async () => {
    const file = join(dir, 'be.npz');
    writeFileSync(file, bigEndianFortran());
    const run = await runRepro(['npz', 'inspect', file, '--json']);
    expect(JSON.parse(run.stdout).members).toEqual([{ name: 'be', dtype: '>f8', shape: [2, 3], fortran_order: true, sha256: sha(Float64Array.of(0, 1, 2, 3, 4, 5)) }]);
  });
  it('a file to reject: exit 2 and {error: {code, member, message}} on stdout under --json', async () => {
    const file = join(dir, 'obj.npz');
    writeFileSync(file, craftZip([{ name: 'x.npy', data: craftNpy("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", new Uint8Array(8)) }]));
    const run = await runRepro(['npz', 'inspect', file, '--json']);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({ error: { code: 'object_dtype', member: 'x.npy', message: expect.stringContaining(`${file}: `), detail: expect.stringContaining('x.npy') } });
    expect(run.stderr).toContain('object arrays');
  });
  it('structured dtypes are refused (by design) with exit 2, unsupported_dtype and the fields named', async () => {
    const file = join(dir, 'struct.npz');
    writeFileSync(file, craftZip([{ name: 'rec.npy', data: craftNpy("{'descr': [('a', '<f4'), ('', '|V4'), ('b', '<i8')], 'fortran_order': False, 'shape': (1,), }", new Uint8Array(16)) }]));
    const run = await runRepro(['npz', 'inspect', file, '--json']);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({
      error: {
        code: 'unsupported_dtype',
        member: 'rec.npy',
        message: `${file}: npz member rec.npy: structured dtypes (here with fields a, b) are not supported: store each field as its own array`,
        detail: 'npz member rec.npy: structured dtypes (here with fields a, b) are not supported: store each field as its own array',
      },
    });
  });
  it('--max-bytes is the per-member decompressed limit', async () => {
    const run = await runRepro(['npz', 'inspect', good, '--max-bytes', '100', '--json']);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).error).toMatchObject({ code: 'member_too_large', member: 'preds.npy' });
    expect((await runRepro(['npz', 'inspect', good, '--max-bytes', 'lots'])).code).toBe(2);
  });
  it('a missing file exits 2 naming it; human output is a table', async () => {
    const missing = await runRepro(['npz', 'inspect', join(dir, 'nope.npz')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.npz');
    const human = await runRepro(['npz', 'inspect', good]);
    expect(human.stdout).toMatch(/preds\s+<f4\s+\(2, 2\)\s+false/);
  });
});

describe('repro npz convert', () => {
  it('without --compressed writes what np.savez writes (stored); --json reports it', async () => {
    const out = join(dir, 'stored-out.npz');
    const run = await runRepro(['npz', 'convert', good, out, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ out, arrays: 2, skipped: [] });
    expect(Buffer.from(readFileSync(out)).equals(readFileSync(good))).toBe(true); // good.npz was written by our stored writer
  });
  it('a rejected input (or --max-bytes exceeded) exits 2 and leaves OUT as it was', async () => {
    const out = join(dir, 'kept.npz');
    writeFileSync(out, 'previous');
    const tooBig = await runRepro(['npz', 'convert', good, out, '--max-bytes', '64', '--json']);
    expect(tooBig.code).toBe(2);
    expect(JSON.parse(tooBig.stdout).error).toMatchObject({ code: 'member_too_large', member: 'preds.npy' });
    const bad = join(dir, 'truncated.npz');
    writeFileSync(bad, readFileSync(good).subarray(0, 50));
    expect((await runRepro(['npz', 'convert', bad, out])).code).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('previous');
  });
  it('decodes and re-encodes: big-endian Fortran input becomes native C order with the same values', async () => {
    const input = join(dir, 'be-in.npz');
    const out = join(dir, 'be-out.npz');
    writeFileSync(input, bigEndianFortran());
    const run = await runRepro(['npz', 'convert', input, out, '--compressed']);
    expect(run.code).toBe(0);
    const [m] = (await decodeNpz(readFileSync(out))).members;
    expect({ descr: m!.descr, fortran: m!.fortranOrder, shape: m!.array.shape, data: Array.from(m!.array.data as Float64Array) }).toEqual({ descr: '<f8', fortran: false, shape: [2, 3], data: [0, 1, 2, 3, 4, 5] });
  });
});

describe('regressions of issue 14 (no silent loss, bounded by the archive, numpy files)', () => {
  /** The byte offset of the n-th occurrence of `needle` in `haystack`. */
  const nth = (haystack: Uint8Array, needle: string, n: number) => {
    let at = -1;
    for (let k = 0; k <= n; k += 1) at = Buffer.from(haystack).indexOf(needle, at + 1);
    return at;
  };
  it('one byte flipped in a central-directory name (labels.npy → labels.npz): inspect and convert exit 2 naming the member', async () => {
    const bytes = new Uint8Array(readFileSync(good));
    const inDirectory = nth(bytes, 'labels.npy', 1); // the second occurrence is the central directory's
    bytes[inDirectory + 'labels.np'.length] = 'z'.charCodeAt(0);
    const file = join(dir, 'flipped.npz');
    writeFileSync(file, bytes);
    for (const args of [['npz', 'inspect', file, '--json'], ['npz', 'convert', file, join(dir, 'flipped-out.npz'), '--json']]) {
      const run = await runRepro(args);
      expect(run.code, args[1]).toBe(2);
      expect(JSON.parse(run.stdout).error).toMatchObject({ code: 'local_header_mismatch', member: 'labels.npz' });
    }
    expect(existsSync(join(dir, 'flipped-out.npz'))).toBe(false);
  });
  it('a member that is not an array is listed as skipped by inspect and convert, never dropped without a word', async () => {
    const file = join(dir, 'with-notes.npz');
    writeFileSync(file, craftZip([{ name: 'notes.txt', data: new Uint8Array(Buffer.from('hello')) }, { name: 'x.npy', data: craftNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", new Uint8Array(4)) }]));
    const inspect = await runRepro(['npz', 'inspect', file, '--json']);
    expect(JSON.parse(inspect.stdout)).toMatchObject({ members: [{ name: 'x' }], skipped: [{ name: 'notes.txt', reason: 'not_npy', bytes: 5 }] });
    const human = await runRepro(['npz', 'inspect', file]);
    expect(human.stdout).toContain('1 member(s) skipped');
    expect(human.stdout).toContain('notes.txt');
    const convert = await runRepro(['npz', 'convert', file, join(dir, 'notes-out.npz'), '--json']);
    expect(JSON.parse(convert.stdout)).toEqual({ out: join(dir, 'notes-out.npz'), arrays: 1, skipped: [{ name: 'notes.txt', reason: 'not_npy', bytes: 5 }] });
  });
  it('16 honest 256 MiB deflated members (a 4 MB file) are refused from the central directory by the archive limit', async () => {
    const member = craftNpy("{'descr': '|u1', 'fortran_order': False, 'shape': (268435456,), }", new Uint8Array(256 << 20));
    const deflated = deflateRawSync(member);
    const many = craftZip(Array.from({ length: 16 }, (_, k) => ({ name: `m${k}.npy`, data: member, method: 8 as const, deflated })));
    expect(many.length).toBeLessThan(5 << 20);
    const file = join(dir, 'bomb.npz');
    writeFileSync(file, many);
    const run = await runRepro(['npz', 'inspect', file, '--json']);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).error).toMatchObject({ code: 'archive_too_large', member: 'm7.npy' });
    const lower = await runRepro(['npz', 'inspect', file, '--max-total-bytes', String(300 << 20), '--json']);
    expect(JSON.parse(lower.stdout).error).toMatchObject({ code: 'archive_too_large', member: 'm1.npy' });
  });
  it('a bare .npy (np.save output) is inspected as arr_0 and converted to .npz or .npy', async () => {
    const file = join(dir, 'bare.npy');
    writeFileSync(file, craftNpy("{'descr': '>M8[ns]', 'fortran_order': False, 'shape': (2,), }", new Uint8Array(Buffer.from([0, 0, 0, 0, 0, 0, 0, 1, 0x80, 0, 0, 0, 0, 0, 0, 0]))));
    const inspect = await runRepro(['npz', 'inspect', file, '--json']);
    expect(inspect.code).toBe(0);
    expect(JSON.parse(inspect.stdout)).toMatchObject({ format: 'npy', members: [{ name: 'arr_0', dtype: '>M8[ns]', shape: [2] }], skipped: [] });
    const toNpz = join(dir, 'bare-out.npz');
    expect((await runRepro(['npz', 'convert', file, toNpz])).code).toBe(0);
    const [m] = (await decodeNpz(readFileSync(toNpz))).members;
    expect([m!.name, m!.array.dtype, Array.from(m!.array.data as BigInt64Array)]).toEqual(['arr_0', '<M8[ns]', [1n, -(2n ** 63n)]]);
    const toNpy = join(dir, 'bare-out.npy');
    expect((await runRepro(['npz', 'convert', toNpz, toNpy])).code).toBe(0);
    expect(JSON.parse((await runRepro(['npz', 'inspect', toNpy, '--json'])).stdout).members[0].sha256).toBe(sha(BigInt64Array.of(1n, -(2n ** 63n))));
  });
});

describe('the built bin', () => {
  it('node apps/cli/bin/repro.cjs npz inspect --json runs end to end', () => {
    if (!existsSync(fileURLToPath(new URL('../../../dist/main.cjs', import.meta.url)))) throw new Error('build the CLI first: pnpm --filter @repro/cli build');
    const run = spawnSync(process.execPath, [BIN, 'npz', 'inspect', good, '--json'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).members.map((m: { name: string }) => m.name)).toEqual(['preds', 'labels']);
  });
});
