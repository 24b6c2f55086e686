import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { reproInFreshHome } from '../../../test/scratch-dir.js';

const CELL = fileURLToPath(new URL('../../../../worker/test/fixtures/train-cell.cjs', import.meta.url));
const KEY = ['--cell', 'c/1', '--metric', 'f1_buy'];

let repro: ReturnType<typeof reproInFreshHome>['repro'];
beforeEach(() => {
  ({ repro } = reproInFreshHome('repro-from-run'));
});

describe('repro canonical record --from-run', () => {
  it('runs the command once and records its metric with the fingerprint as provenance; flags win', async () => {
    const run = await repro('canonical', 'record', ...KEY, '--run-id', 'r1', '--promote', '--from-run', '--instance-type', 'm5.large', '--', process.execPath, CELL, '--value', '0.625');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('from one un-capped run: f1_buy = 0.625');
    const shown = JSON.parse((await repro('canonical', 'show', ...KEY, '--json')).stdout);
    expect(shown).toMatchObject({ present: true, run_id: 'r1', value: 0.625, provenance: { build_sha: 'abc123', instance_type: 'm5.large' } });
    expect(typeof shown.provenance.os).toBe('string'); // captured inside the child
  }, 60_000);

  it('records nothing when the run fails, and refuses --value with --from-run', async () => {
    const failed = await repro('canonical', 'record', ...KEY, '--run-id', 'r1', '--from-run', '--', process.execPath, CELL, '--exit', '2');
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('the canonical run failed, nothing recorded: nonzero_exit');
    expect(JSON.parse((await repro('canonical', 'show', ...KEY, '--json')).stdout)).toEqual({ present: false });
    const both = await repro('canonical', 'record', ...KEY, '--run-id', 'r1', '--value', '0.6', '--from-run', '--', process.execPath, CELL);
    expect(both.code).toBe(2);
    expect((await repro('canonical', 'record', ...KEY, '--run-id', 'r1')).code).toBe(2);
  }, 60_000);
});
