import { describe, expect, it } from 'vitest';
import { type Decision, decideVerdict } from '../src/index.js';

const H1 = ['PASS', 'FAIL', 'ERROR'] as const;
const P0 = ['equal', 'differs', 'unverifiable'] as const;
const H2 = [true, false] as const; // within epsilon?
const BOOL = [true, false] as const;

interface Combination {
  h1: (typeof H1)[number];
  p0: (typeof P0)[number];
  within: boolean;
  canonicalPresent: boolean;
  epsProdMeasured: boolean;
}

const combinations: Combination[] = [];
for (const h1 of H1)
  for (const p0 of P0)
    for (const within of H2)
      for (const canonicalPresent of BOOL) for (const epsProdMeasured of BOOL) combinations.push({ h1, p0, within, canonicalPresent, epsProdMeasured });

// The rule exactly as the architecture seed (§5bis) writes it, as a first-match table.
const RULE: { when: (c: Combination) => boolean; then: Decision }[] = [
  { when: (c) => c.h1 === 'ERROR', then: { verdict: 'INCONCLUSIVE_TOOLING', cause: null, reason: 'replay_error' } },
  { when: (c) => c.h1 === 'FAIL', then: { verdict: 'NON_DETERMINISTIC', cause: 'real_instability', reason: null } },
  { when: (c) => !c.canonicalPresent, then: { verdict: 'INCONCLUSIVE_TOOLING', cause: null, reason: 'canonical_absent' } },
  { when: (c) => !c.epsProdMeasured, then: { verdict: 'INCONCLUSIVE_TOOLING', cause: null, reason: 'epsilon_prod_unmeasured' } },
  { when: (c) => c.p0 === 'unverifiable', then: { verdict: 'INCONCLUSIVE_TOOLING', cause: null, reason: 'env_parity_unverified' } },
  { when: (c) => c.p0 === 'differs', then: { verdict: 'CANONICAL_DIVERGENCE', cause: 'env_parity_gap', reason: null } },
  { when: (c) => c.within, then: { verdict: 'FIDELITY_OK', cause: null, reason: null } },
  { when: (c) => !c.within, then: { verdict: 'CANONICAL_DIVERGENCE', cause: 'logic_fidelity_gap', reason: null } },
];

function decide(c: Combination): Decision {
  return decideVerdict(
    { status: c.h1, detCause: c.h1 === 'FAIL' ? 'real_instability' : null },
    { state: c.p0 },
    { within: c.within },
    c.canonicalPresent,
    c.epsProdMeasured,
  );
}

describe('decideVerdict over the 3×3×2×2×2 product', () => {
  it('has 72 distinct combinations', () => {
    expect(combinations).toHaveLength(72);
    expect(new Set(combinations.map((c) => JSON.stringify(c))).size).toBe(72);
  });

  it.each(combinations.map((c) => [`H1=${c.h1} P0=${c.p0} within=${c.within} canonical=${c.canonicalPresent} eps_prod=${c.epsProdMeasured}`, c] as const))(
    '%s',
    (_name, c) => {
      const matching = RULE.filter((row) => row.when(c));
      expect(matching.length).toBeGreaterThan(0);
      expect(decide(c)).toEqual(matching[0]!.then);
    },
  );

  it('splits the product as the rule says', () => {
    const counts = new Map<string, number>();
    for (const c of combinations) {
      const d = decide(c);
      const key = `${d.verdict}/${d.cause ?? d.reason}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(Object.fromEntries(counts)).toEqual({
      'INCONCLUSIVE_TOOLING/replay_error': 24,
      'NON_DETERMINISTIC/real_instability': 24,
      'INCONCLUSIVE_TOOLING/canonical_absent': 12,
      'INCONCLUSIVE_TOOLING/epsilon_prod_unmeasured': 6,
      'INCONCLUSIVE_TOOLING/env_parity_unverified': 2,
      'CANONICAL_DIVERGENCE/env_parity_gap': 2,
      'FIDELITY_OK/null': 1,
      'CANONICAL_DIVERGENCE/logic_fidelity_gap': 1,
    });
  });

  it('carries the H1 FAIL cause through', () => {
    const d = decideVerdict({ status: 'FAIL', detCause: 'numeric_residue' }, { state: 'equal' }, null, false, false);
    expect(d).toEqual({ verdict: 'NON_DETERMINISTIC', cause: 'numeric_residue', reason: null });
  });

  it('refuses to reach H2 without a divergence result', () => {
    expect(() => decideVerdict({ status: 'PASS', detCause: null }, { state: 'equal' }, null, true, true)).toThrow(/divergence/);
  });

  it('does not need a divergence result when H2 is not reached', () => {
    expect(decideVerdict({ status: 'PASS', detCause: null }, { state: 'differs' }, null, true, true).cause).toBe('env_parity_gap');
  });
});
