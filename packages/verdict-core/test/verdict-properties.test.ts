import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessObservation, type ObservationInput, observationSchema, verdictSchema } from '../src/index.js';

const value = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0.61, 0.6100000001, 0.62),
  fc.constantFrom(null, 'NaN', 'Infinity', '-Infinity'),
);
const replay = fc.oneof(fc.record({ value }), fc.record({ error: fc.string({ minLength: 1 }) }));
const dimValue = fc.oneof(fc.constantFrom('abc', 'def', null), fc.constant({ numpy: '1.26' }));
const dims = fc.record({ build_sha: dimValue, instance_type: dimValue, os: dimValue, lib_versions: dimValue }, { requiredKeys: [] });
const observation: fc.Arbitrary<ObservationInput> = fc.record({
  cell: fc.constantFrom('c/1', 'defi_top5/fold-3'),
  metric: fc.constant('f1_buy'),
  eps_num: fc.constantFrom(0, 1e-9, 1e-3),
  replay_a: fc.tuple(replay, dims).map(([r, fingerprint]) => ({ ...r, fingerprint })),
  replay_b: replay,
  canonical: fc.option(fc.record({ run_id: fc.constant('r1'), value: fc.double({ noNaN: true, noDefaultInfinity: true }), provenance: dims }), { nil: null }),
  eps_prod: fc.option(fc.record({ value: fc.double({ min: 0, max: 1, noNaN: true }), image_sha: fc.constant('sha256:x') }), { nil: null }),
});

const decide = (input: ObservationInput) => assessObservation(observationSchema.parse(input), { decidedAt: '2026-11-23T10:00:00Z' });

describe('verdict rule properties', () => {
  it('is total: every observation yields one schema-valid verdict, never an exception', () => {
    fc.assert(fc.property(observation, (input) => {
      expect(() => verdictSchema.parse(decide(input).verdict)).not.toThrow();
    }), { numRuns: 2000 });
  });

  it('H1 FAIL/ERROR short-circuits: canonical, eps_prod and P0 never change the verdict', () => {
    fc.assert(fc.property(observation, observation, (input, other) => {
      const first = decide(input).verdict;
      if (first.det_status === 'PASS') return;
      const swapped = decide({ ...input, canonical: other.canonical, eps_prod: other.eps_prod, replay_a: { ...input.replay_a, fingerprint: other.replay_a.fingerprint } }).verdict;
      expect([swapped.verdict, swapped.cause, swapped.reason]).toEqual([first.verdict, first.cause, first.reason]);
      expect(first.verdict).toBe(first.det_status === 'FAIL' ? 'NON_DETERMINISTIC' : 'INCONCLUSIVE_TOOLING');
    }), { numRuns: 1000 });
  });

  it('a missing canonical never masks NON_DETERMINISTIC', () => {
    fc.assert(fc.property(observation, (input) => {
      const withCanonical = decide(input).verdict;
      const without = decide({ ...input, canonical: null }).verdict;
      if (withCanonical.verdict === 'NON_DETERMINISTIC') expect(without.verdict).toBe('NON_DETERMINISTIC');
      if (without.verdict !== 'NON_DETERMINISTIC') expect(withCanonical.verdict).not.toBe('NON_DETERMINISTIC');
    }), { numRuns: 1000 });
  });

  it('P0 before H2: with non-equal parity, moving the canonical value never changes the verdict', () => {
    fc.assert(fc.property(observation, fc.double({ noNaN: true, noDefaultInfinity: true }), (input, moved) => {
      const first = decide(input).verdict;
      if (first.parity_state === 'equal' || !input.canonical) return;
      const second = decide({ ...input, canonical: { ...input.canonical, value: moved } }).verdict;
      expect(second.verdict).toBe(first.verdict);
      expect(first.verdict === 'FIDELITY_OK' || first.cause === 'logic_fidelity_gap').toBe(false);
    }), { numRuns: 1000 });
  });
});
