import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { forEachNpzFileMember, readNpzFile } from './decode-npz.js';
import { encodeNpz, writeNpzFile } from './encode-npz.js';
import { npyArray } from './npy-array.js';
import { NpzEncodeError } from './npz-error.js';

describe('.npz files on disk', () => {
  it('writeNpzFile writes what encodeNpz gives; readNpzFile and forEachNpzFileMember read it back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 's43-file-'));
    const arrays = { a: npyArray(Float64Array.of(1, 2, 3, 4), [2, 2]), s: npyArray(['x', 'yz']) };
    for (const compressed of [false, true]) {
      const path = join(dir, `out-${compressed}.npz`);
      await writeNpzFile(path, arrays, { compressed });
      expect(Buffer.from(readFileSync(path)).equals(Buffer.from(await encodeNpz(arrays, { compressed })))).toBe(true);
      expect((await readNpzFile(path)).members.map((m) => [m.name, m.array.shape])).toEqual([['a', [2, 2]], ['s', [2]]]);
      const visited: string[] = [];
      await forEachNpzFileMember(path, (m) => void visited.push(m.name));
      expect(visited).toEqual(['a', 's']);
    }
    expect(readdirSync(dir).sort()).toEqual(['out-false.npz', 'out-true.npz']);
  });

  it('a write that fails half-way leaves the previous file untouched and no temp file behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 's43-file-'));
    const path = join(dir, 'out.npz');
    writeFileSync(path, 'previous content');
    // the first array is written before the second one's over-long string is met
    const arrays = { big: npyArray(new Float32Array(1 << 18)), s: npyArray(['ok', 'far too long'], [2], '<U2') };
    await expect(writeNpzFile(path, arrays)).rejects.toBeInstanceOf(NpzEncodeError);
    expect(readFileSync(path, 'utf8')).toBe('previous content');
    expect(readdirSync(dir)).toEqual(['out.npz']);
    await expect(writeNpzFile(join(dir, 'new.npz'), arrays)).rejects.toBeInstanceOf(NpzEncodeError);
    expect(readdirSync(dir)).toEqual(['out.npz']);
  });
});
