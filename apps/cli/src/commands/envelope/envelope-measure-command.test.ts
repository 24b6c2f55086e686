import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { reproInFreshHome } from '../../../test/scratch-dir.js';

const CELL = fileURLToPath(new URL('../../../../worker/test/fixtures/train-cell.cjs', import.meta.url));
const KEY = ['--cell', 'c/1', '--metric', 'f1_buy', '--image-sha', 'img-1'];

let repro: ReturnType<typeof reproInFreshHome>['repro'];
beforeEach(() => {
  ({ repro } = reproInFreshHome('repro-envelope-measure'));
});

describe('repro envelope measure', () => {
  it('runs n un-capped runs with plain progress lines, stores eps_prod, and reuses it unless --force', async () => {
    const first = await repro('envelope', 'measure', ...KEY, '-n', '10', '--json', '--', process.execPath, CELL, '--value', '0.61');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ present: true, status: 'measured', eps_prod: 0, n: 10, samples: Array(10).fill(0.61) });
    expect(first.stderr.match(/envelope measure \(c\/1, f1_buy\): \d+\/10/g)).toHaveLength(10);

    const reused = await repro('envelope', 'measure', ...KEY, '--', process.execPath, CELL, '--value', '0.7');
    expect(reused.code).toBe(0);
    expect(reused.stderr).toContain('already stored');
    expect(reused.stdout).toMatch(/eps_prod\s+0/);

    const forced = await repro('envelope', 'measure', ...KEY, '-n', '3', '--force', '--json', '--', process.execPath, CELL, '--value', '0.7');
    expect(JSON.parse(forced.stdout)).toMatchObject({ status: 'unmeasured', reason: 'too_few_samples', n: 3 });
  }, 60_000);

  it('stores nothing when a run fails', async () => {
    const run = await repro('envelope', 'measure', ...KEY, '-n', '2', '--', process.execPath, CELL, '--exit', '4');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('2 of 2 production runs failed, nothing stored');
    const show = await repro('envelope', 'show', ...KEY, '--json');
    expect(JSON.parse(show.stdout)).toEqual({ present: false });
  }, 60_000);
});
