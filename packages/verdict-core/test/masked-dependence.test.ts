import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessMaskedDependence, classifyDivergenceSource, DEFAULT_EPS_PROD_RELATIVE_THRESHOLD } from '../src/index.js';

describe('assessMaskedDependence', () => {
  it("flags the issue's case: eps_prod 0.0061 on a metric of ~0.04 (14 %), suggesting localize", () => {
    const warnings = assessMaskedDependence({ metricValue: 0.043, epsProd: 0.0061, pinnedSpread: 0, uncappedSpread: 0.009 });
    expect(warnings.map((w) => w.code)).toEqual(['eps_prod_large', 'uncapped_spread_exceeds_pinned']);
    expect(warnings[0]!.message).toContain('14.2 % of the metric');
    expect(warnings[0]!.suggestion).toContain('repro verdict localize');
  });

  it('stays silent for a small eps_prod and an un-capped spread no larger than the pinned one', () => {
    expect(assessMaskedDependence({ metricValue: 0.61, epsProd: 0.004, pinnedSpread: 0.001, uncappedSpread: 0.001 })).toEqual([]);
    expect(assessMaskedDependence({ metricValue: 0.61, epsProd: null })).toEqual([]);
  });

  it('property: eps_prod_large iff eps_prod > threshold·|metric| (default 5 %)', () => {
    expect(DEFAULT_EPS_PROD_RELATIVE_THRESHOLD).toBe(0.05);
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 0.001, max: 1, noNaN: true }), (metric, eps, t) => {
        const flagged = assessMaskedDependence({ metricValue: metric, epsProd: eps, relativeThreshold: t }).some((w) => w.code === 'eps_prod_large');
        expect(flagged).toBe(eps > t * Math.abs(metric));
      }),
    );
  });

  it('rejects a negative spread or a non-finite metric naming the field', () => {
    expect(() => assessMaskedDependence({ metricValue: 1, epsProd: -1 })).toThrowError(/epsProd/);
    expect(() => assessMaskedDependence({ metricValue: Number.NaN, epsProd: 1 })).toThrowError(/metricValue/);
    expect(() => assessMaskedDependence({ metricValue: 1, epsProd: 1, relativeThreshold: 0 })).toThrowError(/relativeThreshold/);
  });
});

describe('classifyDivergenceSource', () => {
  it("says thread caps when the replay at the canonical's thread configuration is within epsilon", () => {
    const r = classifyDivergenceSource({ canonicalValue: 0.5, pinnedValue: 0.52, threadConfigValue: 0.5001, epsilon: 0.001, threadConfigLabel: 'OMP_NUM_THREADS=8' });
    expect(r.source).toBe('thread_caps');
    expect(r.thread_config_delta).toBeCloseTo(0.0001, 12);
    expect(r.explanation).toContain('pinned thread caps themselves');
    expect(r.explanation).toContain('OMP_NUM_THREADS=8');
  });

  it('says logic gap when it still diverges there, and unchecked when the check did not run', () => {
    expect(classifyDivergenceSource({ canonicalValue: 0.5, pinnedValue: 0.52, threadConfigValue: 0.52, epsilon: 0.001 }).source).toBe('logic_gap');
    const unchecked = classifyDivergenceSource({ canonicalValue: 0.5, pinnedValue: 0.52, threadConfigValue: null, epsilon: 0.001, uncheckedReason: 'no recorded thread configuration' });
    expect(unchecked).toMatchObject({ source: 'unchecked', thread_config_delta: null });
    expect(unchecked.explanation).toContain('no recorded thread configuration');
  });

  it('property: thread_caps iff |t − canonical| <= epsilon', () => {
    fc.assert(
      fc.property(fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: 0, max: 5, noNaN: true }), (c, t, eps) => {
        const r = classifyDivergenceSource({ canonicalValue: c, pinnedValue: c + 100, threadConfigValue: t, epsilon: eps });
        expect(r.source).toBe(Math.abs(t - c) <= eps ? 'thread_caps' : 'logic_gap');
      }),
    );
  });
});
