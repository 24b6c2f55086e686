import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { reproInFreshHome } from './scratch-dir.js';

const CELL = fileURLToPath(new URL('../../worker/test/fixtures/train-cell.cjs', import.meta.url));

describe('--quiet silences progress, nothing else', () => {
  it('envelope measure prints a progress line per run, none with --quiet; the result is the same', async () => {
    const args = ['envelope', 'measure', '--cell', 'c/1', '--metric', 'f1_buy', '--image-sha', 'img', '-n', '2'];
    const loud = await reproInFreshHome('repro-loud').repro(...args, '--', process.execPath, CELL, '--value', '0.61');
    expect(loud.code, loud.stderr).toBe(0);
    expect(loud.stderr).toMatch(/envelope measure \(c\/1, f1_buy\): 1\/2/);
    const quiet = await reproInFreshHome('repro-quiet').repro('--quiet', ...args, '--', process.execPath, CELL, '--value', '0.61');
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout.replace(/measured_at.*\n/, '')).toBe(loud.stdout.replace(/measured_at.*\n/, ''));
  }, 120_000);

  it('a --quiet after the command works too, and failures still print', async () => {
    const { repro } = reproInFreshHome('repro-quiet-fail');
    const failed = await repro('envelope', 'compute', '--values', '1,x', '--quiet');
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/^repro: --values: item 2 "x"/);
  });
});
