import { describe, expect, it } from 'vitest';
import { assessMaskedDependence, assessObservation, classifyDivergenceSource, explainVerdict, formatExplainedNumber, type ObservationInput, observationSchema, rankLocalization, replayPower, type Verdict } from '../src/index.js';

const PROVENANCE = { build_sha: 'abc', instance_type: 'm5.large', os: 'linux', lib_versions: { numpy: '1.26' } };
const BASE: ObservationInput = {
  cell: 'defi_top5/fold-3',
  metric: 'f1_buy',
  replay_a: { value: 0.6103, fingerprint: PROVENANCE },
  replay_b: { value: 0.6103 },
  canonical: { run_id: 'canonical-1', value: 0.6101, provenance: PROVENANCE },
  eps_prod: { value: 0.004, image_sha: 'sha256:prod' },
};

function verdictOf(overrides: Partial<ObservationInput>): Verdict {
  return assessObservation(observationSchema.parse({ ...BASE, ...overrides }), { decidedAt: '2026-11-23T10:00:00Z' }).verdict;
}

describe('explainVerdict', () => {
  it('explains every path of the rule with the numbers that decided it', () => {
    const cases: [Partial<ObservationInput>, string, RegExp[]][] = [
      [{}, 'FIDELITY_OK', [/bit-identical/, /canonical run canonical-1 is within epsilon/, /\|a − canonical\| = 0\.0002 ≤ epsilon = max\(eps_num, eps_prod\) = 0\.004/, /every P0 dimension matches/]],
      [{ replay_b: { value: 0.6103000000000001 } }, 'NON_DETERMINISTIC', [/last bits/, /\|a − b\| = 1\.11e-16 ≤ eps_num = 1e-9/, /numeric residue, below eps_num/]],
      [{ replay_b: { value: 0.6042 } }, 'NON_DETERMINISTIC', [/real margin: \|a − b\| = 0\.0061 > eps_num = 1e-9 \(real instability\)/]],
      [{ canonical: { run_id: 'c', value: 0.652, provenance: PROVENANCE } }, 'CANONICAL_DIVERGENCE', [/different training logic/, /\|a − canonical\| = 0\.0417 > epsilon/, /logic fidelity gap/]],
      [{ canonical: { run_id: 'c', value: 0.652, provenance: { ...PROVENANCE, build_sha: 'f00' } } }, 'CANONICAL_DIVERGENCE', [/P0 sees build_sha differ from the canonical run: an environment gap/]],
      [{ replay_b: { error: 'exit code 137' } }, 'INCONCLUSIVE_TOOLING', [/replay A = 0\.6103; replay B failed: exit code 137 — so determinism could not be checked/]],
      [{ replay_a: { value: 'NaN', fingerprint: PROVENANCE } }, 'INCONCLUSIVE_TOOLING', [/replay A = NaN/]],
      [{ canonical: null }, 'INCONCLUSIVE_TOOLING', [/no canonical run is stored for cell defi_top5\/fold-3, metric f1_buy/, /repro canonical record/]],
      [{ eps_prod: null }, 'INCONCLUSIVE_TOOLING', [/eps_prod is not measured for the production image \(no image SHA given\)/, /repro envelope measure/]],
      [{ canonical: { run_id: 'c', value: 0.61, provenance: { ...PROVENANCE, instance_type: null } } }, 'INCONCLUSIVE_TOOLING', [/P0 parity is unverifiable: instance_type not recorded/]],
    ];
    for (const [overrides, name, patterns] of cases) {
      const verdict = verdictOf(overrides);
      expect(verdict.verdict).toBe(name);
      const text = explainVerdict(verdict);
      for (const pattern of patterns) expect(text).toMatch(pattern);
    }
  });

  it('appends the divergence source, the localisation and how to pin, each warning, and the power, in that order', () => {
    const decided = verdictOf({ canonical: { run_id: 'c', value: 0.652, provenance: PROVENANCE } });
    const localization = rankLocalization({
      baselineValue: 0.6103,
      replaysPerFactor: 2,
      factors: [{ factor: 'hash_seed', label: 'the hash seed (PYTHONHASHSEED)', howToPin: 'set PYTHONHASHSEED', values: [0.61, 0.6103] }],
    });
    const verdict: Verdict = {
      ...decided,
      divergence_source: classifyDivergenceSource({ canonicalValue: 0.652, pinnedValue: 0.6103, threadConfigValue: 0.652, epsilon: 0.004, threadConfigLabel: 'no thread caps (un-capped)' }),
      localization,
      warnings: assessMaskedDependence({ metricValue: 0.04, epsProd: 0.0061 }),
      replay_power: replayPower(2),
    };
    const text = explainVerdict(verdict);
    expect(text.startsWith(explainVerdict(decided))).toBe(true);
    const order = [/comes from the pinned thread caps themselves/, /hash_seed is the culprit/, /To pin it: set PYTHONHASHSEED\./, /Warning: eps_prod 0\.0061 is 15\.3 % of the metric/, /2 replays catch, with 95 % probability/];
    const positions = order.map((pattern) => text.search(pattern));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
    expect(explainVerdict(decided)).not.toMatch(/Warning|replays catch|culprit/);
  });

  it('rounds quoted numbers to four significant digits in their shortest form', () => {
    expect([0.00020000000000000017, 1e-9, 0.6103, 0.041700000000000015, 1234567].map(formatExplainedNumber)).toEqual(['0.0002', '1e-9', '0.6103', '0.0417', '1235000']);
  });
});
