import { describe, expect, it } from 'vitest';
import { canonicalJson, probeDeterminism, probeDivergence, probeParity } from '../src/index.js';

describe('probeDeterminism', () => {
  it('passes on IEEE-754 exact equality only', () => {
    expect(probeDeterminism({ value: 0.61 }, { value: 0.61 }, 1e-9)).toEqual({ status: 'PASS', detDelta: 0, detCause: null });
    expect(probeDeterminism({ value: 0.1 + 0.2 }, { value: 0.3 }, 1e-9)).toEqual({
      status: 'FAIL',
      detDelta: Math.abs(0.1 + 0.2 - 0.3),
      detCause: 'numeric_residue',
    });
  });

  it('treats +0 and -0 as equal (IEEE equality)', () => {
    expect(probeDeterminism({ value: 0 }, { value: -0 }, 0).status).toBe('PASS');
  });

  it('names a difference above eps_num real instability, at or below it numeric residue', () => {
    expect(probeDeterminism({ value: 0.5 }, { value: 0.5 + 2e-9 }, 1e-9).detCause).toBe('real_instability');
    expect(probeDeterminism({ value: 0.5 }, { value: 0.75 }, 0.25).detCause).toBe('numeric_residue');
    expect(probeDeterminism({ value: 0.5 }, { value: 0.75 }, 0.2499).detCause).toBe('real_instability');
  });

  it.each([
    ['NaN', { value: Number.NaN }],
    ['+Infinity', { value: Number.POSITIVE_INFINITY }],
    ['-Infinity', { value: Number.NEGATIVE_INFINITY }],
    ['a missing value', { value: null }],
    ['a replay error', { error: 'exit 1' }],
  ] as const)('errors on %s, on either side', (_name, bad) => {
    expect(probeDeterminism(bad, { value: 0.6 }, 1e-9)).toEqual({ status: 'ERROR', detDelta: null, detCause: null });
    expect(probeDeterminism({ value: 0.6 }, bad, 1e-9)).toEqual({ status: 'ERROR', detDelta: null, detCause: null });
  });

  it('errors when both replays are NaN (NaN is never equal to itself)', () => {
    expect(probeDeterminism({ value: Number.NaN }, { value: Number.NaN }, 1).status).toBe('ERROR');
  });
});

describe('probeParity', () => {
  const full = { build_sha: 'abc', instance_type: 'm5.large', os: 'linux-6.1', lib_versions: { numpy: '1.26', lightgbm: '4.3' } };

  it('is equal when every required dimension is present and matches; object key order never matters', () => {
    const result = probeParity(full, { ...full, lib_versions: { lightgbm: '4.3', numpy: '1.26' } });
    expect(result).toEqual({ state: 'equal', dims: { build_sha: 'equal', instance_type: 'equal', os: 'equal', lib_versions: 'equal' } });
  });

  it('is unverifiable when a dimension is null or absent on either side', () => {
    expect(probeParity({ ...full, instance_type: null }, full).dims.instance_type).toBe('missing');
    expect(probeParity({ ...full, instance_type: null }, full).state).toBe('unverifiable');
    const { os: _os, ...withoutOs } = full;
    expect(probeParity(full, withoutOs)).toMatchObject({ state: 'unverifiable', dims: { os: 'missing' } });
  });

  it('differs beats missing', () => {
    const result = probeParity({ ...full, build_sha: 'def', os: null }, full);
    expect(result.state).toBe('differs');
    expect(result.dims).toMatchObject({ build_sha: 'differs', os: 'missing' });
  });

  it('compares feature_versions / artifact_versions only when either side records them', () => {
    expect(Object.keys(probeParity(full, full).dims)).toEqual(['build_sha', 'instance_type', 'os', 'lib_versions']);
    const oneSide = probeParity({ ...full, feature_versions: { f: 3 } }, full);
    expect(oneSide).toMatchObject({ state: 'unverifiable', dims: { feature_versions: 'missing' } });
    expect(probeParity({ ...full, artifact_versions: 'v2' }, { ...full, artifact_versions: 'v3' })).toMatchObject({
      state: 'differs',
      dims: { artifact_versions: 'differs' },
    });
    expect(probeParity({ ...full, feature_versions: null }, { ...full, feature_versions: null }).dims).not.toHaveProperty('feature_versions');
  });

  it('never compares audit-only fingerprint fields (observed knobs, thread pools)', () => {
    const replay = { ...full, observed_knobs: { OMP_NUM_THREADS: '1' }, threadpools: [{ num_threads: 1 }] };
    const canonical = { ...full, observed_knobs: { OMP_NUM_THREADS: '32' } };
    expect(probeParity(replay, canonical).state).toBe('equal');
  });

  it('takes a configured set of required dimensions', () => {
    expect(probeParity({ build_sha: 'abc' }, { build_sha: 'abc' }, ['build_sha'])).toEqual({ state: 'equal', dims: { build_sha: 'equal' } });
    expect(probeParity({}, {}, ['gpu'])).toEqual({ state: 'unverifiable', dims: { gpu: 'missing' } });
  });

  it('a string and an object holding the same text still differ', () => {
    expect(probeParity({ build_sha: '{"a":1}' }, { build_sha: { a: 1 } }, ['build_sha']).state).toBe('differs');
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: [{ y: 1, x: 2 }], a: null })).toBe('{"a":null,"b":[{"x":2,"y":1}]}');
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });
});

describe('probeDivergence', () => {
  it('is within at exactly epsilon and beyond just above it', () => {
    expect(probeDivergence(0.5, 0.25, 0.25)).toEqual({ canonDelta: 0.25, within: true });
    expect(probeDivergence(0.5, 0.25, 0.2499).within).toBe(false);
    expect(probeDivergence(0.25, 0.5, 0.25).canonDelta).toBe(0.25);
  });
});
