import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LOCALIZATION_FACTORS } from '@repro/replay-runner';
import { type Verdict, verdictSchema } from '@repro/verdict-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { reproInFreshHome } from '../../../test/scratch-dir.js';

// The real Python cells of @repro/replay-runner (numpy only), each depending on exactly one factor, run
// through the CLI as a user runs them. Localisations start tens of fresh processes each, on a shared
// 2-core machine: generous timeouts, --factors to keep most runs short, one full-catalogue run.
const CELLS = fileURLToPath(new URL('../../../../../packages/replay-runner/test/fixtures/cells/', import.meta.url));
const cell = (name: string) => join(CELLS, name);
const NODE_CELL = fileURLToPath(new URL('../../../../worker/test/fixtures/train-cell.cjs', import.meta.url));
const SCORE = ['--metric', 'score'];
const SLOW = 300_000;

let home: string;
let env: Record<string, string | undefined>;
let repro: ReturnType<typeof reproInFreshHome>['repro'];
beforeEach(() => {
  ({ home, env, repro } = reproInFreshHome('repro-real-cells'));
});

const verdictOf = (stdout: string): Verdict => verdictSchema.parse(JSON.parse(stdout));

/** A git repository (outside Repro's own checkout) holding `train.py`, committed; its HEAD and a commit function. */
function cellRepo(source: string): { dir: string; commit: (message: string) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'repro-cell-repo-'));
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' }).trim();
  git('init', '-q');
  git('config', 'user.email', 'cell@example.com');
  git('config', 'user.name', 'cell');
  copyFileSync(source, join(dir, 'train.py'));
  const commit = (message: string) => {
    git('add', '-A');
    git('commit', '-qm', message);
    return git('rev-parse', 'HEAD');
  };
  commit('cell');
  return { dir, commit };
}

describe('repro verdict localize names the one factor each real cell depends on', () => {
  it(
    'hash seed (the whole default catalogue): the ranking, the sentence and how to pin it, stored with the verdict in the history and --out',
    async () => {
      const out = join(home, 'localized.json');
      const run = await repro('verdict', 'localize', '--cell', 'hs/1', ...SCORE, '--sequential', '--out', out, '--', 'python3', cell('hash_seed_cell.py'));
      expect(run.code, run.stderr).toBe(12); // no canonical yet: the localisation runs whatever the verdict
      expect(run.stdout).toMatch(/^hash_seed\s+yes\s/m);
      expect(run.stdout).toContain('hash_seed is the culprit');
      expect(run.stdout).toMatch(/To pin it: set PYTHONHASHSEED/);
      expect(run.stdout).toMatch(/next: pin hash_seed/);
      const stored = verdictSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
      expect(stored.localization?.culprit).toBe('hash_seed');
      expect(stored.localization?.factors).toHaveLength(DEFAULT_LOCALIZATION_FACTORS.length + 1);
      expect(stored.localization?.factors.filter((f) => f.moved).map((f) => f.factor)).toEqual(['hash_seed']);
      const history = await repro('verdicts', 'list', '--cell', 'hs/1', '--json');
      expect(JSON.parse(history.stdout)).toEqual([expect.objectContaining({ localization: expect.objectContaining({ culprit: 'hash_seed' }) })]);
    },
    SLOW,
  );

  it(
    'thread count: OpenBLAS splits a dot product over its threads → threads_openblas; --events carries the localisation events',
    async () => {
      const run = await repro('verdict', 'localize', '--cell', 'tc/1', ...SCORE, '--factors', 'hash_seed,threads_openblas,locale', '--events', '--json', '--', 'python3', cell('thread_count_cell.py'));
      const verdict = verdictOf(run.stdout);
      expect(verdict.localization?.culprit).toBe('threads_openblas');
      expect(verdict.localization?.factors.map((f) => f.factor)).toEqual(['threads_openblas', 'pinned_baseline', 'hash_seed', 'locale']);
      expect(run.stderr).toMatch(/"event":"s18_localize_result".*"culprit":"threads_openblas"/);
      expect(run.stderr).toMatch(/"event":"s18_localize_factor"/);
    },
    SLOW,
  );

  it(
    'scheduling order: with nothing varied the repeated pinned baseline moves → pinned_baseline (the run itself)',
    async () => {
      const run = await repro('verdict', 'localize', '--cell', 'sched/1', ...SCORE, '--factors', 'hash_seed', '--replays-per-factor', '4', '--replays', '4', '--json', '--', 'python3', cell('scheduling_cell.py'));
      const verdict = verdictOf(run.stdout);
      expect(verdict.localization?.culprit).toBe('pinned_baseline');
      expect(verdict.replay_power).toMatchObject({ replays: 4 });
    },
    SLOW,
  );

  it(
    'an environment variable beyond the allowlist → parent_env, and how to pin it names FEATURE_SCALE',
    async () => {
      env.FEATURE_SCALE = '2.5';
      const run = await repro('verdict', 'localize', '--cell', 'env/1', ...SCORE, '--factors', 'hash_seed,parent_env', '--', 'python3', cell('env_var_cell.py'));
      expect(run.stdout).toContain('parent_env is the culprit');
      expect(run.stdout).toMatch(/To pin it: .*FEATURE_SCALE/);
    },
    SLOW,
  );

  it(
    'a factor added as data (--factors-file) is varied and named',
    async () => {
      const factors = join(home, 'factors.json');
      writeFileSync(factors, JSON.stringify([{ id: 'feature_scale', label: 'the FEATURE_SCALE variable', howToPin: 'set FEATURE_SCALE in the cell config', knobs: { FEATURE_SCALE: ['3', '4'] } }]));
      const run = await repro('verdict', 'localize', '--cell', 'env/2', ...SCORE, '--factors', 'locale,feature_scale', '--factors-file', factors, '--json', '--', 'python3', cell('env_var_cell.py'));
      expect(verdictOf(run.stdout).localization).toMatchObject({ culprit: 'feature_scale', how_to_pin: 'set FEATURE_SCALE in the cell config' });
      const unknown = await repro('verdict', 'localize', '--cell', 'env/2', ...SCORE, '--factors', 'nope', '--', 'python3', cell('env_var_cell.py'));
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(/--factors: unknown factor "nope"; known: hash_seed, /);
    },
    SLOW,
  );

  it(
    'a code change (CLI outside the cell repository, --cwd): no factor moves it, P0 sees the new build sha, and without build_sha in P0 the replay at the canonical thread config says logic gap',
    async () => {
      const repo = cellRepo(cell('hash_seed_cell.py'));
      const first = execFileSync('git', ['-C', repo.dir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
      const key = ['--cell', 'code/1', ...SCORE];
      const recorded = await repro('canonical', 'record', ...key, '--run-id', 'c1', '--from-run', '--promote', '--cwd', repo.dir, '--', 'python3', 'train.py');
      expect(recorded.code, recorded.stderr).toBe(0);
      expect((await repro('envelope', 'put', '--image-sha', 'img', ...key, '--values', Array(10).fill('1').join(','))).code).toBe(0);
      const source = readFileSync(join(repo.dir, 'train.py'), 'utf8');
      writeFileSync(join(repo.dir, 'train.py'), source.replace('np.linspace(0.1, 0.9', 'np.linspace(0.2, 0.9'));
      const changed = repo.commit('one-line change');

      const gap = await repro('verdict', 'run', ...key, '--image-sha', 'img', '--cwd', repo.dir, '--json', '--', 'python3', 'train.py');
      expect(verdictOf(gap.stdout)).toMatchObject({ verdict: 'CANONICAL_DIVERGENCE', cause: 'env_parity_gap', replay_build_sha: changed, canonical_build_sha: first });

      const dims = ['--parity-dims', 'instance_type,os,lib_versions'];
      const run = await repro('verdict', 'localize', ...key, '--image-sha', 'img', ...dims, '--factors', 'threads_all,locale,cwd_path', '--cwd', repo.dir, '--', 'python3', 'train.py');
      expect(run.code).toBe(11);
      expect(run.stdout).toMatch(/cause\s+logic_fidelity_gap/);
      expect(run.stdout).toContain('The divergence is not a thread effect');
      expect(run.stdout).toContain('No varied factor moves the metric');
      expect(run.stdout).toMatch(/^replay thread-config: score = /m);
    },
    SLOW,
  );
});

describe('repro verdict run on real cells', () => {
  it(
    'a divergence from the pinned thread caps themselves (the canonical ran un-capped) is explained as such, not left as a logic gap',
    async () => {
      const key = ['--cell', 'tc/2', ...SCORE];
      expect((await repro('canonical', 'record', ...key, '--run-id', 'c1', '--from-run', '--promote', '--', 'python3', cell('thread_count_cell.py'))).code).toBe(0);
      expect((await repro('envelope', 'put', '--image-sha', 'img', ...key, '--values', Array(10).fill('1').join(','))).code).toBe(0);
      // The thread count moves only the last bits (~1e-11): eps_num 0 makes H2 see it.
      const run = await repro('verdict', 'run', ...key, '--image-sha', 'img', '--eps-num', '0', '--json', '--', 'python3', cell('thread_count_cell.py'));
      const verdict = verdictOf(run.stdout);
      expect(verdict).toMatchObject({ verdict: 'CANONICAL_DIVERGENCE', cause: 'logic_fidelity_gap', divergence_source: { source: 'thread_caps' } });
      const human = await repro('verdict', 'run', ...key, '--image-sha', 'img', '--eps-num', '0', '--', 'python3', cell('thread_count_cell.py'));
      expect(human.stdout).toContain('comes from the pinned thread caps themselves');
      expect(human.stdout).toMatch(/next: pin the thread count in production/);
    },
    SLOW,
  );

  it(
    'a traceback is shown in the CLI output, --json and the artefact (secrets redacted); a misspelled metric lists those reported',
    async () => {
      const out = join(home, 'failed.json');
      const human = await repro('verdict', 'run', '--cell', 'fail/1', ...SCORE, '--out', out, '--', 'python3', cell('failing_cell.py'));
      expect(human.code).toBe(12);
      expect(human.stdout).toMatch(/replay A: nonzero_exit: .*\n {2}stderr \(last lines\):\n {4}/);
      expect(human.stdout).toContain('Traceback (most recent call last)');
      expect(human.stdout).not.toContain('hunter2secret');
      expect(human.stdout).toMatch(/next: fix the failure shown above/);
      const artefact = verdictSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
      expect(artefact.audit.replay_a).toMatchObject({ error: expect.stringContaining('Traceback (most recent call last)') });
      const json = await repro('verdict', 'run', '--cell', 'fail/1', ...SCORE, '--json', '--', 'python3', cell('failing_cell.py'));
      expect(JSON.stringify(verdictOf(json.stdout).audit.replay_b)).toContain('Traceback');

      const misspelled = await repro('verdict', 'run', '--cell', 'hs/2', '--metric', 'scor', '--', 'python3', cell('hash_seed_cell.py'));
      expect(misspelled.stdout).toMatch(/replay A: bad_result: .*\(reported: score\)/);
    },
    SLOW,
  );

  it(
    'provenance when the CLI runs outside the cell repository: the cell repo HEAD (by script, or by --cwd), --build-sha wins, never the CLI checkout',
    async () => {
      const repo = cellRepo(cell('hash_seed_cell.py'));
      const head = execFileSync('git', ['-C', repo.dir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
      const cliHead = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
      const byScript = verdictOf((await repro('verdict', 'run', '--cell', 'p/1', ...SCORE, '--json', '--', 'python3', join(repo.dir, 'train.py'))).stdout);
      expect(byScript.replay_build_sha).toBe(head);
      expect(byScript.replay_build_sha).not.toBe(cliHead);
      expect(byScript.audit.replay).toMatchObject({ build_sha_source: 'script_checkout', build_sha_checkout: repo.dir, cwd: home });

      const byCwd = await repro('verdict', 'run', '--cell', 'p/1', ...SCORE, '--cwd', repo.dir, '--', 'python3', 'train.py');
      expect(byCwd.stdout).toContain(`build_sha: ${head} (script_checkout ${repo.dir})`);
      expect(byCwd.stdout).toContain(`in: ${repo.dir}`);
      expect(byCwd.stdout).toMatch(/replayed: python3 train.py/);

      const explicit = verdictOf((await repro('verdict', 'run', '--cell', 'p/1', ...SCORE, '--build-sha', 'v1.2.3', '--cwd', repo.dir, '--json', '--', 'python3', 'train.py')).stdout);
      expect(explicit).toMatchObject({ replay_build_sha: 'v1.2.3', audit: { replay: { build_sha_source: 'explicit' } } });

      const outside = await repro('verdict', 'run', '--cell', 'p/2', '--metric', 'f1_buy', '--', process.execPath, '-e', "require(process.env.REPRO_NODE_CHILD).writeResult({ f1_buy: 1 })");
      expect(outside.stderr).toMatch(/warning: no build_sha/);
    },
    SLOW,
  );

  it(
    'numeric variables pass through and are listed; --drop-numeric-env drops them with a warning naming them; the artefact records command, cwd and knobs',
    async () => {
      env.OPENBLAS_CORETYPE = 'Haswell';
      const passed = await repro('verdict', 'run', '--cell', 'n/1', ...SCORE, '--', 'python3', cell('hash_seed_cell.py'));
      expect(passed.stdout).toContain('numeric variables passed through (recorded): OPENBLAS_CORETYPE=Haswell');
      const dropped = await repro('verdict', 'run', '--cell', 'n/1', ...SCORE, '--drop-numeric-env', '--json', '--', 'python3', cell('hash_seed_cell.py'));
      expect(dropped.stderr).toContain('warning: numeric variables dropped from the replay (--drop-numeric-env): OPENBLAS_CORETYPE');
      const verdict = verdictOf(dropped.stdout);
      expect(verdict.audit.replay).toMatchObject({ argv: ['python3', cell('hash_seed_cell.py')], cwd: home, dropped_env: ['OPENBLAS_CORETYPE'], pin_mode: 'pinned' });
      expect(verdict.audit.replay?.effective_knobs).toMatchObject({ PYTHONHASHSEED: '0', OPENBLAS_NUM_THREADS: '1' });
    },
    SLOW,
  );
});

describe('K replays, masked dependence, un-pinned, unmeasured envelopes (a Node cell: fast)', () => {
  const key = ['--cell', 'k/1', '--metric', 'f1_buy'];
  it('--replays K states the power; a large eps_prod and an un-capped spread above the pinned one warn and suggest localize', async () => {
    expect((await repro('canonical', 'record', ...key, '--value', '0.04', '--run-id', 'r1', '--build-sha', 'abc123', '--instance-type', 'test-box', '--promote')).code).toBe(0);
    const values = ['0.035', '0.045', '0.038', '0.042', '0.04', '0.036', '0.044', '0.039', '0.041', '0.04'].join(',');
    expect((await repro('envelope', 'put', '--image-sha', 'img', ...key, '--values', values)).code).toBe(0);
    const run = await repro('verdict', 'run', ...key, '--image-sha', 'img', '--parity-dims', 'build_sha,instance_type', '--replays', '5', '--', process.execPath, NODE_CELL, '--value', '0.04');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/replay E: f1_buy = 0.04/);
    expect(run.stdout).toContain('5 replays catch, with 95 % probability, a cell whose runs disagree at a rate of 52.7 % or more');
    expect(run.stdout).toMatch(/Warning: eps_prod .* % of the metric \(0\.04\), above the 5 % threshold/);
    expect(run.stdout).toMatch(/Warning: the un-capped runs spread by 0\.0099\d*, the pinned replays by 0/);
    expect(run.stdout).toMatch(/next: find the factor the pins hide: repro verdict localize --cell k\/1 --metric f1_buy --image-sha img -- /);
    const bad = await repro('verdict', 'run', ...key, '--replays', '1', '--', process.execPath, NODE_CELL);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--replays/);
  }, SLOW);

  it('--unpinned runs production-config replays and says so; --localize runs only when H1 fails', async () => {
    const unpinned = await repro('verdict', 'run', '--cell', 'k/2', '--metric', 'f1_buy', '--unpinned', '--json', '--', process.execPath, NODE_CELL, '--jitter', '0.1');
    expect(verdictOf(unpinned.stdout)).toMatchObject({ verdict: 'NON_DETERMINISTIC', audit: { replay: { pin_mode: 'uncapped', effective_knobs: {} } } });
    expect(unpinned.stderr).toMatch(/warning: --unpinned/);
    const both = await repro('verdict', 'run', '--cell', 'k/2', '--metric', 'f1_buy', '--unpinned', '--localize', '--', process.execPath, NODE_CELL);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--localize: localisation starts from the pinned baseline/);
    const agreeing = await repro('verdict', 'run', '--cell', 'k/2', '--metric', 'f1_buy', '--localize', '--json', '--', process.execPath, NODE_CELL);
    expect(verdictOf(agreeing.stdout).localization).toBeUndefined();
    const jittery = await repro('verdict', 'run', '--cell', 'k/2', '--metric', 'f1_buy', '--localize', '--factors', 'locale', '--json', '--', process.execPath, NODE_CELL, '--jitter', '0.1');
    expect(verdictOf(jittery.stdout)).toMatchObject({ verdict: 'NON_DETERMINISTIC', localization: { culprit: 'pinned_baseline' } });
  }, SLOW);

  it('envelope measure refuses to reuse a record stored as unmeasured and says so; a large eps_prod warns', async () => {
    const measure = (...extra: string[]) => repro('envelope', 'measure', '--image-sha', 'img', ...key, ...extra, '--', process.execPath, NODE_CELL, '--value', '0.04', '--jitter', '0.01');
    const few = await measure('-n', '3');
    expect(few.code, few.stderr).toBe(0);
    expect(few.stdout).toMatch(/unmeasured/);
    const again = await measure('-n', '10');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/is unmeasured \(too_few_samples, n = 3\): not reused, measured again/);
    expect(again.stderr).toMatch(/warning: eps_prod .* above the 5 % threshold.*repro verdict localize/);
    const reused = await measure('-n', '10');
    expect(reused.stderr).toMatch(/already stored .* reusing it/);
  }, SLOW);

  it('a failed envelope run shows its stderr', async () => {
    const run = await repro('envelope', 'measure', '--image-sha', 'img', '--cell', 'fail/2', ...SCORE, '-n', '2', '--', 'python3', cell('failing_cell.py'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Traceback (most recent call last)');
    const json = await repro('envelope', 'measure', '--image-sha', 'img', '--cell', 'fail/2', ...SCORE, '-n', '2', '--json', '--', 'python3', cell('failing_cell.py'));
    expect(JSON.parse(json.stdout).error.failed[0].stderr_tail).toContain('Traceback');
  }, SLOW);
});
