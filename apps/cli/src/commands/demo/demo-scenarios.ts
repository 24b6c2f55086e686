import type { ObservationInput } from '@repro/verdict-core';

/** Production-config runs of the demo cell, from which the demo's eps_prod is measured. */
export const DEMO_PRODUCTION_RUNS = [0.6101, 0.6112, 0.6094, 0.6107, 0.6118, 0.6089, 0.6103, 0.6115, 0.6097, 0.6109, 0.6092, 0.6106];
export const DEMO_IMAGE_SHA = 'sha256:demo-prod-image';

const PROVENANCE = { build_sha: 'a1b2c3d', instance_type: 'm5.2xlarge', os: 'linux-6.1', lib_versions: { lightgbm: '4.3.0', numpy: '1.26.4' } };
const FINGERPRINT = { ...PROVENANCE, observed_knobs: { PYTHONHASHSEED: '0', OMP_NUM_THREADS: '1' } };

export interface DemoScenario {
  readonly title: string;
  readonly observation: ObservationInput;
}

/** One built-in scenario per verdict path of the frozen rule, all on the same cell. */
export function demoScenarios(epsProd: { value: number; image_sha: string } | null): DemoScenario[] {
  const base = {
    cell: 'defi_top5/fold-3',
    metric: 'f1_buy',
    replay_a: { value: 0.6103, fingerprint: FINGERPRINT },
    replay_b: { value: 0.6103 },
    canonical: { run_id: 'canonical-2026-11-01', value: 0.6101, provenance: PROVENANCE },
    eps_prod: epsProd,
  } satisfies ObservationInput;
  return [
    { title: 'replays agree, canonical within eps_prod', observation: base },
    { title: 'replays differ by a real margin', observation: { ...base, replay_b: { value: 0.6042 } } },
    { title: 'replays differ by float residue only', observation: { ...base, replay_b: { value: 0.6103000000000001 } } },
    { title: 'same env, canonical far beyond eps_prod', observation: { ...base, canonical: { ...base.canonical, value: 0.652 } } },
    {
      title: 'canonical built from another commit',
      observation: { ...base, canonical: { ...base.canonical, value: 0.652, provenance: { ...PROVENANCE, build_sha: 'f00dbab' } } },
    },
    { title: 'replay B crashed', observation: { ...base, replay_b: { error: 'exit code 137 (killed: out of memory)' } } },
    { title: 'replay A produced NaN', observation: { ...base, replay_a: { value: 'NaN', fingerprint: FINGERPRINT } } },
    { title: 'no canonical run stored for the cell', observation: { ...base, canonical: null } },
    { title: 'eps_prod never measured for this image', observation: { ...base, eps_prod: null } },
    {
      title: 'canonical run lacks instance_type provenance',
      observation: { ...base, canonical: { ...base.canonical, provenance: { ...PROVENANCE, instance_type: null } } },
    },
  ];
}
