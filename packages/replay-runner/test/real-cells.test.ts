import { execFileSync } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifyDivergenceSource, decisivePair, PINNED_BASELINE_FACTOR, probeDeterminism, replayPower } from '@repro/verdict-core';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LOCALIZATION_FACTORS,
  type LocalizeEvent,
  type LocalizeResult,
  localizeEventSchema,
  localizeReplay,
  pinAtThreadConfig,
  provenanceGaps,
  type ReplayOutcome,
  runReplay,
  runReplays,
  toObservedReplay,
} from '../src/index.js';
import { fixture, python, scratch } from './process-state.js';

// Small numpy cells that each depend on exactly one factor (test/fixtures/cells). Localisation must name it.
const cell = (name: string) => fixture(`cells/${name}`);
const NUMERIC_LIBRARY_FACTORS = ['openblas_coretype', 'mkl_cbwr', 'mkl_enable_instructions', 'cublas_workspace_config'];

function localization(result: LocalizeResult) {
  if (!result.ok) throw new Error(result.reason);
  return result.localization;
}
const moved = (result: LocalizeResult) =>
  localization(result)
    .factors.filter((f) => f.moved)
    .map((f) => f.factor)
    .sort();

/** A temp git repository holding `files`, committed; returns its folder and HEAD. */
function gitRepo(files: Record<string, string>): { dir: string; head: () => string; commit: (message: string) => string } {
  const dir = scratch();
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' }).trim();
  git('init', '-q');
  git('config', 'user.email', 'cell@example.com');
  git('config', 'user.name', 'cell');
  for (const [name, source] of Object.entries(files)) copyFileSync(source, join(dir, name));
  const commit = (message: string) => {
    git('add', '-A');
    git('commit', '-qm', message);
    return git('rev-parse', 'HEAD');
  };
  commit('cell');
  return { dir, head: () => git('rev-parse', 'HEAD'), commit };
}

// Localisations run tens of fresh processes each (sequentially, on a shared 2-core machine): generous timeouts.
describe('localizeReplay names the one factor each real cell depends on', { timeout: 300_000 }, () => {
  it('hash seed: a feature order taken from a set of strings (whole default catalogue)', async () => {
    const events: LocalizeEvent[] = [];
    const result = await localizeReplay({ command: [python, cell('hash_seed_cell.py')] }, { metric: 'score', emit: (e) => events.push(e) });
    const loc = localization(result);
    expect(loc.culprit).toBe('hash_seed');
    expect(moved(result)).toEqual(['hash_seed']);
    expect(loc.how_to_pin).toContain('PYTHONHASHSEED');
    expect(loc.sentence).toContain('hash_seed is the culprit');
    expect(loc.factors).toHaveLength(DEFAULT_LOCALIZATION_FACTORS.length + 1);
    for (const event of events) expect(localizeEventSchema.safeParse(event).success).toBe(true);
    expect(events.filter((e) => e.event === 's18_localize_factor')).toHaveLength(DEFAULT_LOCALIZATION_FACTORS.length + 1);
    expect(events.at(-1)).toMatchObject({ event: 's18_localize_result', severity: 'warning', culprit: 'hash_seed' });
  });

  it('thread count: OpenBLAS splits a long dot product over its threads (numeric-library factors left out: another kernel moves it too)', async () => {
    const factors = DEFAULT_LOCALIZATION_FACTORS.filter((f) => !NUMERIC_LIBRARY_FACTORS.includes(f.id));
    const result = await localizeReplay({ command: [python, cell('thread_count_cell.py')] }, { metric: 'score', factors });
    expect(localization(result).culprit).toBe('threads_openblas');
    expect(moved(result)).toEqual(['threads_all', 'threads_openblas']);
  });

  it('scheduling order: results folded in completion order move with nothing varied → the run itself', async () => {
    const factors = DEFAULT_LOCALIZATION_FACTORS.filter((f) => ['hash_seed', 'threads_all'].includes(f.id));
    const result = await localizeReplay({ command: [python, cell('scheduling_cell.py')] }, { metric: 'score', factors, replaysPerFactor: 4 });
    const loc = localization(result);
    expect(loc.culprit).toBe(PINNED_BASELINE_FACTOR);
    expect(loc.sentence).toContain('non-deterministic under every pin');
  });

  it('an environment variable beyond the allowlist: the hermetic replay drops it, the full-env factor names it', async () => {
    const result = await localizeReplay(
      { command: [python, cell('env_var_cell.py')], parentEnv: { ...process.env, FEATURE_SCALE: '2.5' } },
      { metric: 'score' },
    );
    const loc = localization(result);
    expect(loc.culprit).toBe('parent_env');
    expect(moved(result)).toEqual(['parent_env']);
    expect(loc.how_to_pin).toContain('FEATURE_SCALE');
  });

  it('a code change: nothing in the environment moves it; the replay at the canonical thread config still diverges → logic gap, and build_sha tells the commits apart', async () => {
    const repo = gitRepo({ 'train.py': cell('hash_seed_cell.py') });
    const canonical = await runReplay({ command: [python, 'train.py'], cwd: repo.dir });
    if (!canonical.ok) throw new Error(canonical.error.message);
    const source = execFileSync('git', ['-C', repo.dir, 'show', 'HEAD:train.py'], { encoding: 'utf8' });
    writeFileSync(join(repo.dir, 'train.py'), source.replace('np.linspace(0.1, 0.9', 'np.linspace(0.2, 0.9'));
    const changed = repo.commit('one-line change');

    const factors = DEFAULT_LOCALIZATION_FACTORS.filter((f) => ['threads_all', 'locale', 'time_zone', 'cwd_path'].includes(f.id));
    const result = await localizeReplay({ command: [python, 'train.py'], cwd: repo.dir }, { metric: 'score', factors });
    const loc = localization(result);
    expect(loc.culprit).toBeNull();
    expect(loc.sentence).toContain('No varied factor moves the metric');

    const { pin, label } = pinAtThreadConfig(canonical.fingerprint.observed_knobs);
    const atConfig = await runReplay({ command: [python, 'train.py'], cwd: repo.dir, pin });
    if (!atConfig.ok) throw new Error(atConfig.error.message);
    const source2 = classifyDivergenceSource({
      canonicalValue: canonical.metrics.score!,
      pinnedValue: loc.baseline_value,
      threadConfigValue: atConfig.metrics.score!,
      epsilon: 1e-9,
      threadConfigLabel: label,
    });
    expect(source2.source).toBe('logic_gap');
    expect(canonical.fingerprint.build_sha).not.toBe(changed);
    expect(atConfig.fingerprint.build_sha).toBe(changed);
  });
});

describe('a divergence from the thread caps themselves is told apart from a logic gap', () => {
  it("the canonical ran un-capped: one replay at its recorded (absent) caps matches it → thread_caps", async () => {
    const spec = { command: [python, cell('thread_count_cell.py')] };
    const canonical = await runReplay({ ...spec, pin: { mode: 'uncapped' } });
    const pinned = await runReplay(spec);
    if (!canonical.ok || !pinned.ok) throw new Error('replay failed');
    expect(pinned.metrics.score).not.toBe(canonical.metrics.score); // 1 thread vs the library default (2 on CI)
    const { pin, label } = pinAtThreadConfig(canonical.fingerprint.observed_knobs);
    expect(label).toBe('no thread caps (un-capped)');
    const atConfig = await runReplay({ ...spec, pin });
    if (!atConfig.ok) throw new Error(atConfig.error.message);
    const verdictSource = classifyDivergenceSource({
      canonicalValue: canonical.metrics.score!,
      pinnedValue: pinned.metrics.score!,
      threadConfigValue: atConfig.metrics.score!,
      epsilon: 0,
      threadConfigLabel: label,
    });
    expect(verdictSource.source).toBe('thread_caps');
    expect(verdictSource.explanation).toContain('pinned thread caps themselves');
  });
});

describe('failures are shown', () => {
  it('a traceback: the message carries the exception line, the error the stderr tail, secrets redacted', async () => {
    const outcome: ReplayOutcome = await runReplay({
      command: [python, cell('failing_cell.py')],
      parentEnv: { ...process.env, API_TOKEN: 'tok-5f3a9c1e77' },
      passEnv: ['API_TOKEN'],
    });
    if (outcome.ok) throw new Error('expected a failure');
    expect(outcome.error.kind).toBe('nonzero_exit');
    expect(outcome.error.message).toContain('exited with code 1: ValueError: training data is empty: 0 rows in features.parquet');
    const tail = outcome.error.stderrTail ?? '';
    expect(tail).toContain('Traceback (most recent call last)');
    expect(tail).toContain('load_training_data');
    expect(tail).toContain('postgres://trainer:[redacted:url-password]@db.internal');
    expect(tail).toContain('[redacted:API_TOKEN]');
    expect(tail).not.toContain('hunter2secret');
    expect(tail).not.toContain('tok-5f3a9c1e77');
    expect(outcome.stderr.tail).not.toContain('tok-5f3a9c1e77');
  });

  it('a missing script says so (python: can\'t open file), a missing program says so (ENOENT), a missing cwd says so', async () => {
    const dir = scratch();
    const noScript = await runReplay({ command: [python, 'trian.py'], cwd: dir });
    expect(noScript.ok).toBe(false);
    expect(noScript.error?.message).toMatch(/the script .*trian\.py could not be opened \(No such file or directory\)/);
    const noProgram = await runReplay({ command: ['pyhton3', 'train.py'], cwd: dir });
    expect(noProgram.error).toMatchObject({ kind: 'spawn_failed', code: 'ENOENT' });
    expect(noProgram.error?.message).toMatch(/pyhton3: not found on the child PATH \(/);
    const noCwd = await runReplay({ command: [python, 'train.py'], cwd: join(dir, 'missing') });
    expect(noCwd.error?.message).toContain(`the working directory ${join(dir, 'missing')} does not exist`);
  });

  it('a misspelled metric lists the metrics the child did report', async () => {
    const outcome = await runReplay({ command: [python, cell('env_var_cell.py')], requiredMetrics: ['scroe'] });
    expect(outcome.error).toMatchObject({ kind: 'bad_result', reportedMetrics: ['score'] });
    expect(outcome.error?.message).toContain('lacks metric(s) scroe; the child reported score');
  });
});

describe('provenance is the training code\'s, never the caller\'s checkout', () => {
  it('the caller runs outside the cell repository: build_sha is the cell repo HEAD (by script path, or by cwd)', async () => {
    const repo = gitRepo({ 'train.py': cell('env_var_cell.py') });
    const callerHead = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    const byScript = await runReplay({ command: [python, join(repo.dir, 'train.py')], parentEnv: { PATH: process.env.PATH } });
    const byCwd = await runReplay({ command: [python, 'train.py'], cwd: repo.dir, parentEnv: { PATH: process.env.PATH } });
    for (const outcome of [byScript, byCwd]) {
      if (!outcome.ok) throw new Error(outcome.error.message);
      expect(outcome.fingerprint.build_sha).toBe(repo.head());
      expect(outcome.fingerprint.build_sha).not.toBe(callerHead);
      expect(outcome.fingerprint.build_sha_source).toBe('script_checkout');
      expect(outcome.buildSha).toMatchObject({ sha: repo.head(), source: 'script_checkout', dirty: false });
    }
    expect(byCwd.cwd).toBe(repo.dir);
    expect(byCwd.argv).toEqual([python, 'train.py']);
    expect(byCwd.effectiveKnobs).toMatchObject({ PYTHONHASHSEED: '0', OPENBLAS_NUM_THREADS: '1' });
    const explicit = await runReplay({ command: [python, join(repo.dir, 'train.py')], buildSha: 'release-42' });
    expect(explicit.fingerprint?.build_sha).toBe('release-42');
    expect(explicit.buildSha.source).toBe('explicit');
  });

  it('outside any checkout: build_sha is missing and provenanceGaps says how to supply it', async () => {
    const dir = scratch();
    copyFileSync(cell('env_var_cell.py'), join(dir, 'train.py'));
    const outcome = await runReplay({ command: [python, 'train.py'], cwd: dir, parentEnv: { PATH: process.env.PATH } });
    if (!outcome.ok) throw new Error(outcome.error.message);
    const gaps = provenanceGaps(outcome.fingerprint);
    expect(gaps.map((g) => g.dimension)).toEqual(['build_sha']);
    expect(gaps[0]!.howToSupply).toContain('--build-sha');
    expect((outcome.fingerprint.lib_versions as Record<string, string>).numpy).toMatch(/^\d/);
  });

  it('lib_versions lists every imported top-level package (scipy.stats here), the explicit list kept as a minimum', async () => {
    const script = 'import scipy.stats, repro_child\nrepro_child.write_result({"m": float(scipy.stats.norm.cdf(0.0))})';
    const outcome = await runReplay({ command: [python, '-c', script] });
    if (!outcome.ok) throw new Error(outcome.error.message);
    const libs = outcome.fingerprint.lib_versions as Record<string, string>;
    expect(Object.keys(libs)).toEqual(expect.arrayContaining(['python', 'numpy', 'scipy']));
    expect(Object.keys(libs)).not.toContain('json');
  });
});

describe('numeric environment variables are passed and recorded, or dropped with a warning', () => {
  it('OPENBLAS_CORETYPE in the parent reaches the child and its fingerprint by default; drop names it in replay_env_dropped', async () => {
    const parentEnv = { PATH: process.env.PATH, OPENBLAS_CORETYPE: 'Haswell' };
    const passed = await runReplay({ command: [python, cell('thread_count_cell.py')], parentEnv });
    if (!passed.ok) throw new Error(passed.error.message);
    expect(passed.fingerprint.observed_knobs?.OPENBLAS_CORETYPE).toBe('Haswell');
    expect(passed.effectiveKnobs.OPENBLAS_CORETYPE).toBe('Haswell');
    const events: unknown[] = [];
    const dropped = await runReplay({ command: [python, cell('thread_count_cell.py')], parentEnv, numericEnv: 'drop' }, { emit: (e) => events.push(e) });
    if (!dropped.ok) throw new Error(dropped.error.message);
    expect(dropped.fingerprint.observed_knobs?.OPENBLAS_CORETYPE).toBeNull();
    expect(dropped.droppedEnv).toEqual(['OPENBLAS_CORETYPE']);
    expect(events[0]).toMatchObject({ event: 'replay_env_dropped', severity: 'warning', names: ['OPENBLAS_CORETYPE'] });
    expect(dropped.metrics.score).not.toBe(passed.metrics.score); // another kernel, another last bit
  });
});

describe('K replays with a stated power', () => {
  it('runReplays(K) labels A, B, C…; decisivePair makes H1 over the pair equal H1 over all K; the power is stated', async () => {
    const outcomes = await runReplays({ command: [python, cell('hash_seed_cell.py')] }, 3);
    expect(outcomes.map((o) => o.label)).toEqual(['A', 'B', 'C']);
    const observed = outcomes.map((o) => toObservedReplay(o, 'score'));
    const pair = decisivePair(observed);
    expect(pair.replays).toBe(3);
    expect(probeDeterminism(pair.replay_a as { value: number }, pair.replay_b as { value: number }, 0).status).toBe('PASS');
    expect(replayPower(3).min_detectable_rate).toBeCloseTo(1 - Math.sqrt(0.05), 12);
    await expect(runReplays({ command: [python, cell('hash_seed_cell.py')] }, 1)).rejects.toThrowError(/replays/);
  });
});
