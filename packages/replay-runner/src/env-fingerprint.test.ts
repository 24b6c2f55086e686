import { dimensionMapSchema, probeParity } from '@repro/verdict-core';
import { describe, expect, it } from 'vitest';
import { fingerprintDimensions } from './env-fingerprint.js';

describe('fingerprintDimensions', () => {
  it('maps the four required dimensions (null when missing), adding feature/artifact versions only when recorded', () => {
    expect(fingerprintDimensions({ build_sha: 'abc', os: 'Linux 6 x86_64', lib_versions: { numpy: '2.4' }, observed_knobs: {} })).toEqual({
      build_sha: 'abc',
      instance_type: null,
      os: 'Linux 6 x86_64',
      lib_versions: { numpy: '2.4' },
    });
    expect(fingerprintDimensions({ feature_versions: { f: 'v1' }, artifact_versions: null })).toEqual({
      build_sha: null,
      instance_type: null,
      os: null,
      lib_versions: null,
      feature_versions: { f: 'v1' },
    });
  });

  it('a null fingerprint (failed replay) has every required dimension missing; dims are configurable', () => {
    expect(fingerprintDimensions(null, ['build_sha'])).toEqual({ build_sha: null });
  });

  it('a value passes through exactly when verdict-core can compare it (its dimensionMapSchema is the one source)', () => {
    for (const value of ['Linux', 7, true, ['numpy==2.4'], { numpy: '2.4' }, undefined, () => 1]) {
      const accepted = value !== undefined && dimensionMapSchema.safeParse({ os: value }).success;
      expect(fingerprintDimensions({ os: value } as never).os).toEqual(accepted ? value : null);
    }
  });

  it('the map feeds verdict-core probeParity directly: equal, differs, unverifiable', () => {
    const fp = { build_sha: 'abc', instance_type: 'm5', os: 'Linux', lib_versions: { numpy: '2.4' }, observed_knobs: { PYTHONHASHSEED: '0' } };
    const dims = fingerprintDimensions(fp);
    expect(probeParity(dims, { build_sha: 'abc', instance_type: 'm5', os: 'Linux', lib_versions: { numpy: '2.4' } }).state).toBe('equal');
    expect(probeParity(dims, { build_sha: 'def', instance_type: 'm5', os: 'Linux', lib_versions: { numpy: '2.4' } }).dims.build_sha).toBe('differs');
    expect(probeParity(fingerprintDimensions({ ...fp, build_sha: null }), dims).state).toBe('unverifiable');
  });
});
