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

  it('a non-dimension value (number, array) counts as missing, never invented', () => {
    expect(fingerprintDimensions({ build_sha: 'x', instance_type: 'y', os: 'z', lib_versions: [1, 2] } as never)).toMatchObject({ lib_versions: null });
  });
});
