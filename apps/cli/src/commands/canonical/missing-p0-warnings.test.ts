import { describe, expect, it } from 'vitest';
import { missingP0Warnings } from './missing-p0-warnings.js';

describe('canonical record: which P0 dimensions are missing, and what supplies each', () => {
  it('a full provenance warns of nothing; feature_versions / artifact_versions are never required', () => {
    expect(missingP0Warnings({ build_sha: 'a', instance_type: 't', os: 'linux', lib_versions: { numpy: '1' } }, { fromRun: false })).toEqual([]);
  });

  it('with --value, names the flags and the provenance file', () => {
    const warnings = missingP0Warnings({ build_sha: 'a', instance_type: null, os: '' }, { fromRun: false });
    expect(warnings.map((w) => [w.dimension, w.supply])).toEqual([
      ['instance_type', '--instance-type (or instance_type in --provenance-file)'],
      ['os', 'os in --provenance-file'],
      ['lib_versions', 'lib_versions in --provenance-file'],
    ]);
    expect(warnings[0]!.message).toBe(
      'P0 dimension instance_type is missing: verdicts against this canonical will be INCONCLUSIVE_TOOLING (env_parity_unverified); supply it with --instance-type (or instance_type in --provenance-file)',
    );
  });

  it('with --from-run, names the variable to pass to the child unless it already is passed', () => {
    expect(missingP0Warnings({ os: 'linux', lib_versions: {} }, { fromRun: true }).map((w) => w.supply)).toEqual([
      'set BUILD_SHA and pass it to the child with --pass-env BUILD_SHA, or give --build-sha',
      'set INSTANCE_TYPE and pass it to the child with --pass-env INSTANCE_TYPE, or give --instance-type',
    ]);
    expect(missingP0Warnings({ os: 'linux', lib_versions: {} }, { fromRun: true, passEnv: 'BUILD_SHA, INSTANCE_TYPE' }).map((w) => w.supply)).toEqual([
      '--build-sha (or build_sha in --provenance-file)',
      '--instance-type (or instance_type in --provenance-file)',
    ]);
  });
});
