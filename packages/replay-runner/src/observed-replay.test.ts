import { assessObservation, type ObservationInput, observationSchema } from '@repro/verdict-core';
import { describe, expect, it } from 'vitest';
import { toObservedReplay } from './observed-replay.js';
import type { ReplayFailure, ReplayOutcome, ReplaySuccess } from './replay-outcome.js';

const fingerprint = {
  build_sha: 'abc',
  instance_type: 'm5 x2',
  os: 'Linux 6 x86_64',
  lib_versions: { numpy: '2.4.6' },
  observed_knobs: { PYTHONHASHSEED: '0' },
  hash_randomization: 0,
};
const common = {
  label: 'A',
  argv: ['python3', 'train.py'],
  pinMode: 'pinned',
  requestedKnobs: {},
  pid: 1,
  exitCode: 0,
  signal: null,
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 1,
  stdout: { tail: '', bytes: 0, truncated: false },
  stderr: { tail: '', bytes: 0, truncated: false },
  strayProcessesKilled: false,
  filesDir: null,
  cwd: '/work/cell',
  effectiveKnobs: {},
  droppedEnv: [],
  buildSha: { sha: 'abc', source: 'script_checkout', checkout: '/work/cell', script: '/work/cell/train.py', dirty: false },
  cpuAffinity: null,
} as const;
const success = (f1: number): ReplaySuccess => ({ ...common, ok: true, metrics: { f1_buy: f1 }, fingerprint, error: null });
const failure: ReplayFailure = {
  ...common,
  ok: false,
  exitCode: 3,
  metrics: null,
  fingerprint: null,
  error: { kind: 'nonzero_exit', exitCode: 3, message: 'python3 exited with code 3' },
};

const decide = (a: ReplayOutcome, b: ReplayOutcome) => {
  const input: ObservationInput = { cell: 'c', metric: 'f1_buy', replay_a: toObservedReplay(a, 'f1_buy'), replay_b: toObservedReplay(b, 'f1_buy') };
  return assessObservation(observationSchema.parse(input), { decidedAt: '2026-01-01T00:00:00Z' }).verdict;
};

describe('toObservedReplay', () => {
  it('a successful replay gives its metric value and its whole fingerprint (P0 dims + audit fields); an absent metric is null', () => {
    expect(toObservedReplay(success(0.61), 'f1_buy')).toEqual({
      value: 0.61,
      fingerprint: {
        build_sha: 'abc',
        instance_type: 'm5 x2',
        os: 'Linux 6 x86_64',
        lib_versions: { numpy: '2.4.6' },
        observed_knobs: { PYTHONHASHSEED: '0' },
        hash_randomization: 0,
      },
    });
    expect(toObservedReplay(success(0.61), 'auc')).toMatchObject({ value: null });
  });

  it('a failed replay is an error naming the kind, with every required dimension missing when no result was read', () => {
    expect(toObservedReplay(failure, 'f1_buy')).toEqual({
      error: 'nonzero_exit: python3 exited with code 3',
      fingerprint: { build_sha: null, instance_type: null, os: null, lib_versions: null },
    });
  });

  it("a failed replay's stderr tail travels into the recorded error (so into the verdict artefact)", () => {
    const withTail: ReplayFailure = { ...failure, error: { ...failure.error, stderrTail: 'Traceback (most recent call last):\nValueError: empty' } };
    expect(toObservedReplay(withTail, 'f1_buy')).toMatchObject({
      error: 'nonzero_exit: python3 exited with code 3\nstderr (last lines):\nTraceback (most recent call last):\nValueError: empty',
    });
  });

  it('fed to verdict-core: a failed replay is INCONCLUSIVE_TOOLING replay_error, unequal values NON_DETERMINISTIC', () => {
    expect(decide(success(0.61), failure)).toMatchObject({ verdict: 'INCONCLUSIVE_TOOLING', reason: 'replay_error', det_status: 'ERROR' });
    expect(decide(success(0.61), success(0.61 + 1e-12))).toMatchObject({ verdict: 'NON_DETERMINISTIC', cause: 'numeric_residue' });
    const verdict = decide(success(0.61), success(0.61));
    expect(verdict.replay_build_sha).toBe('abc');
    expect(verdict.audit.replay_fingerprint).toMatchObject({ observed_knobs: { PYTHONHASHSEED: '0' }, hash_randomization: 0 });
  });
});
