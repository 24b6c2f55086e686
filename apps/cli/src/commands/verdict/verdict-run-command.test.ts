import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { verdictSchema } from '@repro/verdict-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { reproInFreshHome } from '../../../test/scratch-dir.js';

// A tiny Node training cell (shared with the worker's tests): writes f1_buy through the Node child helper.
const CELL = fileURLToPath(new URL('../../../../worker/test/fixtures/train-cell.cjs', import.meta.url));
const KEY = ['--cell', 'c/1', '--metric', 'f1_buy'];

let home: string;
let env: Record<string, string | undefined>;
let repro: ReturnType<typeof reproInFreshHome>['repro'];
beforeEach(() => {
  ({ home, env, repro } = reproInFreshHome('repro-verdict-run'));
});

describe('repro verdict run', () => {
  it('replays twice, reads canonical and eps_prod from the store, decides, saves and writes the artefact', async () => {
    const absent = await repro('verdict', 'run', ...KEY, '--json', '--', process.execPath, CELL, '--value', '0.61');
    expect(absent.code).toBe(12);
    expect(JSON.parse(absent.stdout)).toMatchObject({ verdict: 'INCONCLUSIVE_TOOLING', reason: 'canonical_absent', det_status: 'PASS' });

    expect((await repro('canonical', 'record', ...KEY, '--value', '0.61', '--run-id', 'r1', '--build-sha', 'abc123', '--instance-type', 'test-box', '--promote')).code).toBe(0);
    const values = Array(10).fill('0.61').join(',');
    expect((await repro('envelope', 'put', '--image-sha', 'img-1', ...KEY, '--values', values)).code).toBe(0);

    // The canonical lacks os and lib_versions: P0 is unverifiable until they are required no more.
    const unverifiable = await repro('verdict', 'run', ...KEY, '--image-sha', 'img-1', '--json', '--', process.execPath, CELL, '--value', '0.61');
    expect(JSON.parse(unverifiable.stdout)).toMatchObject({ reason: 'env_parity_unverified', parity_dims: { build_sha: 'equal', os: 'missing' } });

    const out = join(home, 'verdict.json');
    const ok = await repro('verdict', 'run', ...KEY, '--image-sha', 'img-1', '--parity-dims', 'build_sha,instance_type', '--out', out, '--events', '--sequential', '--', process.execPath, CELL, '--value', '0.61');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/verdict\s+FIDELITY_OK/);
    expect(ok.stdout).toMatch(/replay A: f1_buy = 0.61/);
    const artefact = verdictSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(artefact).toMatchObject({ verdict: 'FIDELITY_OK', eps_prod: 0, eps_prod_image_sha: 'img-1', canonical_run_id: 'r1', replay_build_sha: 'abc123' });
    expect(artefact.audit.replay_fingerprint).toHaveProperty('observed_knobs');
    // stderr: progress lines of the two replays (not a TTY: one plain line per update) and, with --events, the events
    const lines = ok.stderr.trim().split('\n');
    const progress = lines.filter((line) => line.startsWith('verdict run (c/1, f1_buy): '));
    expect(progress).toEqual(['verdict run (c/1, f1_buy): 0/2 started', 'verdict run (c/1, f1_buy): 1/2 A f1_buy=0.61', 'verdict run (c/1, f1_buy): 2/2 B f1_buy=0.61']);
    const events = lines.filter((line) => !progress.includes(line) && !line.startsWith('repro: warning: ')).map((line) => JSON.parse(line).event);
    expect(events).toEqual(expect.arrayContaining(['replay_started', 's18_replay_determinism', 's18_replay_verdict']));
  }, 60_000);

  it('uses $REPRO_IMAGE_SHA for eps_prod, and a divergent replay is CANONICAL_DIVERGENCE (exit 11)', async () => {
    await repro('canonical', 'record', ...KEY, '--value', '0.61', '--run-id', 'r1', '--build-sha', 'abc123', '--instance-type', 'test-box', '--promote');
    await repro('envelope', 'put', '--image-sha', 'img-env', ...KEY, '--values', Array(10).fill('0.61').join(','));
    env.REPRO_IMAGE_SHA = 'img-env';
    const run = await repro('verdict', 'run', ...KEY, '--parity-dims', 'build_sha', '--json', '--', process.execPath, CELL, '--value', '0.7');
    expect(run.code).toBe(11);
    expect(JSON.parse(run.stdout)).toMatchObject({ verdict: 'CANONICAL_DIVERGENCE', cause: 'logic_fidelity_gap', eps_prod_image_sha: 'img-env' });
  }, 60_000);

  it('a failing replay is a verdict (INCONCLUSIVE_TOOLING replay_error, exit 12), saved to history', async () => {
    const run = await repro('verdict', 'run', ...KEY, '--json', '--', process.execPath, CELL, '--exit', '3');
    expect(run.code).toBe(12);
    expect(JSON.parse(run.stdout)).toMatchObject({ reason: 'replay_error', audit: { replay_a: { error: expect.stringMatching(/^nonzero_exit/) } } });
    const history = JSON.parse((await repro('verdicts', 'list', '--json')).stdout);
    expect(history).toHaveLength(1);
  }, 60_000);

  it('rejects bad flags and an unreachable database before running anything', async () => {
    expect((await repro('verdict', 'run', ...KEY)).code).toBe(2);
    const seed = await repro('verdict', 'run', ...KEY, '--hash-seed', '-1', '--', process.execPath, CELL);
    expect(seed.code).toBe(2);
    expect(seed.stderr).toContain('--hash-seed');
    const down = await repro('verdict', 'run', ...KEY, '--db', 'postgres://postgres@127.0.0.1:1/test', '--', process.execPath, CELL);
    expect(down.code).toBe(3);
    expect(down.stderr).toContain('127.0.0.1:1');
  }, 60_000);
});
