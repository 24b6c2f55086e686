import { DEFAULT_PARITY_DIMS } from '@repro/verdict-core';
import { type EnvFingerprint, fingerprintDimensions } from './env-fingerprint.js';

/** A P0 dimension a replay could not fill, and how the user can supply it. */
export interface ProvenanceGap {
  readonly dimension: string;
  readonly howToSupply: string;
}

const HOW_TO_SUPPLY: Readonly<Record<string, string>> = Object.freeze({
  build_sha:
    'run the training script from a git checkout (the runner reads the checkout of the script, else of the replay cwd: set `cwd` / --cwd), or pass an explicit build sha (`buildSha` / --build-sha, or BUILD_SHA in the environment)',
  instance_type: 'set INSTANCE_TYPE in the environment and pass it through (`passEnv: ["INSTANCE_TYPE"]`)',
  os: 'use a child helper (repro_child / @repro/replay-runner/child): it records the OS',
  lib_versions: 'use a child helper (repro_child / @repro/replay-runner/child): it records the imported packages and their versions',
  feature_versions: 'pass feature_versions= to write_result / writeResult',
  artifact_versions: 'pass artifact_versions= to write_result / writeResult',
});

/**
 * Which P0 dimensions a fingerprint leaves empty (each then makes parity `unverifiable`), with how to
 * supply each. `required` defaults to verdict-core's DEFAULT_PARITY_DIMS. Pure.
 */
export function provenanceGaps(fingerprint: EnvFingerprint | null | undefined, required: readonly string[] = DEFAULT_PARITY_DIMS): ProvenanceGap[] {
  const dims = fingerprintDimensions(fingerprint, required);
  return required
    .filter((dimension) => dims[dimension] === null || dims[dimension] === undefined)
    .map((dimension) => ({ dimension, howToSupply: HOW_TO_SUPPLY[dimension] ?? `record ${dimension} in the child fingerprint (write_result(${dimension}=…))` }));
}
