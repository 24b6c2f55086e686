import { describe, expect, it } from 'vitest';
import { assessObservation, type ObservationInput, observationSchema, parseObservations, type VerdictEvent, verdictEventSchema, verdictSchema } from '../src/index.js';

const DECIDED_AT = '2026-11-23T10:00:00Z';
const PROVENANCE = { build_sha: 'abc', instance_type: 'm5.large', os: 'linux', lib_versions: { numpy: '1.26' } };

function observation(overrides: Partial<ObservationInput> = {}): ObservationInput {
  return {
    cell: 'defi_top5/fold-3',
    metric: 'f1_buy',
    replay_a: { value: 0.61, fingerprint: { ...PROVENANCE, observed_knobs: { OMP_NUM_THREADS: '1' }, hash_randomization: 0 } },
    replay_b: { value: 0.61 },
    canonical: { run_id: 'r1', value: 0.6101, provenance: PROVENANCE },
    eps_prod: { value: 0.002, image_sha: 'sha256:prod' },
    ...overrides,
  };
}

function assess(input: ObservationInput) {
  const events: VerdictEvent[] = [];
  const result = assessObservation(observationSchema.parse(input), { decidedAt: DECIDED_AT, emit: (e) => events.push(e) });
  expect(verdictSchema.parse(result.verdict)).toEqual(result.verdict);
  for (const event of events) verdictEventSchema.parse(event);
  expect(events).toEqual(result.events);
  return { verdict: result.verdict, events };
}

describe('assessObservation', () => {
  it('decides FIDELITY_OK and records both sides of P0, eps and its image SHA', () => {
    const { verdict, events } = assess(observation());
    expect(verdict).toMatchObject({
      schema_version: 1,
      verdict: 'FIDELITY_OK',
      cause: null,
      reason: null,
      cell: 'defi_top5/fold-3',
      metric: 'f1_buy',
      decided_at: DECIDED_AT,
      det_status: 'PASS',
      det_delta: 0,
      epsilon: 0.002,
      eps_num: 1e-9,
      eps_prod: 0.002,
      eps_prod_image_sha: 'sha256:prod',
      parity_state: 'equal',
      replay_build_sha: 'abc',
      replay_instance_type: 'm5.large',
      canonical_run_id: 'r1',
      canonical_build_sha: 'abc',
      canonical_instance_type: 'm5.large',
    });
    expect(verdict.canon_delta).toBeCloseTo(0.0001, 12);
    expect(verdict.audit.replay_fingerprint).toMatchObject({ observed_knobs: { OMP_NUM_THREADS: '1' }, hash_randomization: 0 });
    expect(events.map((e) => e.event)).toEqual(['s18_replay_determinism', 's18_replay_divergence', 's18_replay_verdict']);
    expect(events[1]).toMatchObject({ severity: 'info', parity_state: 'equal' });
  });

  it('emits the cause event on FAIL and no divergence event', () => {
    const { verdict, events } = assess(observation({ replay_b: { value: 0.62 } }));
    expect(verdict).toMatchObject({ verdict: 'NON_DETERMINISTIC', cause: 'real_instability', canon_delta: null });
    expect(verdict.det_delta).toBeCloseTo(0.01, 12);
    expect(events.map((e) => e.event)).toEqual(['s18_replay_determinism', 's18_replay_determinism_cause', 's18_replay_verdict']);
    expect(events[1]).toMatchObject({ severity: 'warning', cause: 'real_instability' });
  });

  it('turns NaN and errors into INCONCLUSIVE_TOOLING(replay_error) and still emits the determinism event', () => {
    for (const replay_b of [{ value: 'NaN' as const }, { value: '-Infinity' as const }, { value: null }, { error: 'killed by SIGKILL' }]) {
      const { verdict, events } = assess(observation({ replay_b }));
      expect(verdict).toMatchObject({ verdict: 'INCONCLUSIVE_TOOLING', reason: 'replay_error', det_status: 'ERROR', det_delta: null });
      expect(verdict.audit.replay_b).toEqual(replay_b);
      expect(events[0]).toMatchObject({ event: 's18_replay_determinism', status: 'ERROR', abs_delta_runs: null });
    }
  });

  it('routes a missing canonical and an unmeasured eps_prod to INCONCLUSIVE_TOOLING', () => {
    expect(assess(observation({ canonical: null })).verdict).toMatchObject({ reason: 'canonical_absent', canonical_run_id: null, parity_state: 'unverifiable' });
    const noEps = assess(observation({ eps_prod: null })).verdict;
    expect(noEps).toMatchObject({ reason: 'epsilon_prod_unmeasured', eps_prod: null, eps_prod_image_sha: null, epsilon: 1e-9, canon_delta: null });
  });

  it('checks P0 before H2: a divergence under differing parity is an env gap, and the divergence event says so', () => {
    const { verdict, events } = assess(observation({ canonical: { run_id: 'r1', value: 0.7, provenance: { ...PROVENANCE, build_sha: 'old' } } }));
    expect(verdict).toMatchObject({ verdict: 'CANONICAL_DIVERGENCE', cause: 'env_parity_gap', canonical_build_sha: 'old' });
    expect(events[1]).toMatchObject({ event: 's18_replay_divergence', severity: 'warning', parity_state: 'differs' });
  });

  it('reports env_parity_unverified when the canonical run lacks a P0 dimension', () => {
    const { instance_type: _dropped, ...partial } = PROVENANCE;
    const { verdict } = assess(observation({ canonical: { run_id: 'r1', value: 0.61, provenance: partial } }));
    expect(verdict).toMatchObject({ reason: 'env_parity_unverified', parity_dims: { instance_type: 'missing' }, canonical_instance_type: null });
  });

  it('flags a logic fidelity gap beyond epsilon = max(eps_num, eps_prod)', () => {
    const { verdict } = assess(observation({ canonical: { run_id: 'r1', value: 0.6, provenance: PROVENANCE }, eps_num: 0.005 }));
    expect(verdict).toMatchObject({ verdict: 'CANONICAL_DIVERGENCE', cause: 'logic_fidelity_gap', epsilon: 0.005 });
  });

  it('rejects a decidedAt that is not an ISO date-time', () => {
    expect(() => assessObservation(observationSchema.parse(observation()), { decidedAt: 'yesterday' })).toThrow(/decidedAt/);
  });
});

describe('parseObservations', () => {
  it('accepts one object or an array and defaults eps_num', () => {
    expect(parseObservations(observation()).many).toBe(false);
    const { many, observations } = parseObservations([observation(), observation({ eps_num: 0.1 })]);
    expect(many).toBe(true);
    expect(observations.map((o) => o.eps_num)).toEqual([1e-9, 0.1]);
  });

  it('names the offending field', () => {
    expect(() => parseObservations({ ...observation(), cell: 3 })).toThrow(/^cell: /);
    expect(() => parseObservations([observation(), { ...observation(), replay_b: { value: 'nan' } }])).toThrow(/^\[1\]\.replay_b/);
    expect(() => parseObservations({ ...observation(), eps_prod: { value: -1, image_sha: 'x' } })).toThrow(/^eps_prod\.value: /);
    expect(() => parseObservations({ ...observation(), canonical: { run_id: 'r1', value: 0.6, provenance: 'abc' } })).toThrow(/^canonical\.provenance: /);
    expect(() => parseObservations({ ...observation(), surprise: true })).toThrow(/surprise/);
    expect(() => parseObservations([])).toThrow(/empty array/);
  });
});
