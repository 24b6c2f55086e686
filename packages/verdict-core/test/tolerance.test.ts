import { describe, expect, it } from 'vitest';
import { measureProdEnvelope, normalToleranceFactor, VerdictInputError } from '../src/index.js';
import { binomialCdf } from '../src/math/binomial.js';

/** mulberry32: a seeded PRNG so the simulation below is the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normalSampler(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

describe('normalToleranceFactor', () => {
  it('reproduces the published example n=10, p=γ=0.95 → 2.911', () => {
    expect(normalToleranceFactor(10, 0.95, 0.95)).toBeCloseTo(2.911, 3);
  });

  it('grows with coverage and confidence and shrinks with n toward z_p', () => {
    expect(normalToleranceFactor(10, 0.99, 0.95)).toBeGreaterThan(normalToleranceFactor(10, 0.95, 0.95));
    expect(normalToleranceFactor(10, 0.95, 0.99)).toBeGreaterThan(normalToleranceFactor(10, 0.95, 0.95));
    expect(normalToleranceFactor(20, 0.95, 0.95)).toBeLessThan(normalToleranceFactor(10, 0.95, 0.95));
    expect(normalToleranceFactor(1000, 0.95, 0.95)).toBeGreaterThan(1.6448536269514722);
  });

  it('rejects bad arguments with a typed error naming the argument', () => {
    expect(() => normalToleranceFactor(1, 0.95, 0.95)).toThrow(VerdictInputError);
    expect(() => normalToleranceFactor(2.5, 0.95, 0.95)).toThrow(/^n: /);
    expect(() => normalToleranceFactor(10, 1, 0.95)).toThrow(/^coverage: /);
    expect(() => normalToleranceFactor(10, 0.95, Number.NaN)).toThrow(/^confidence: /);
  });
});

describe('measureProdEnvelope', () => {
  const ten = [0.61, 0.612, 0.609, 0.611, 0.613, 0.608, 0.61, 0.614, 0.607, 0.612];

  it('never returns a number below 10 samples or with a non-finite sample', () => {
    expect(measureProdEnvelope(ten.slice(0, 9))).toMatchObject({ status: 'unmeasured', eps_prod: null, reason: 'too_few_samples', n: 9 });
    expect(measureProdEnvelope([])).toMatchObject({ status: 'unmeasured', reason: 'too_few_samples', n: 0, mean: null, sd: null });
    expect(measureProdEnvelope([...ten, Number.NaN])).toMatchObject({ status: 'unmeasured', reason: 'non_finite_sample', mean: null });
    expect(measureProdEnvelope([...ten, Number.POSITIVE_INFINITY], { method: 'nonparametric' }).status).toBe('unmeasured');
  });

  it('reports its inputs and the sample moments', () => {
    const envelope = measureProdEnvelope(ten);
    expect(envelope).toMatchObject({ status: 'measured', n: 10, method: 'pairwise-normal', coverage: 0.95, confidence: 0.95 });
    expect(envelope.mean).toBeCloseTo(0.6106, 12);
    expect(envelope.eps_prod).toBeGreaterThan(0);
  });

  it('is zero for a perfectly reproducible production run', () => {
    expect(measureProdEnvelope(Array(12).fill(0.5)).eps_prod).toBe(0);
  });

  it('pairwise-normal covers the p-quantile of |X − X′| with frequency ≈ γ (seeded simulation)', () => {
    const draw = normalSampler(seeded(42));
    const sigma = 0.01;
    const trueQuantile = Math.SQRT2 * 1.959963984540054 * sigma; // p = 0.95: √2·z(0.975)·σ
    const trials = 4000;
    let covered = 0;
    for (let t = 0; t < trials; t += 1) {
      const samples = Array.from({ length: 10 }, () => 0.6 + sigma * draw());
      if (measureProdEnvelope(samples).eps_prod! >= trueQuantile) covered += 1;
    }
    // γ = 0.95; binomial SD over 4000 trials ≈ 0.0034, so ±0.015 is > 4 SD.
    expect(covered / trials).toBeGreaterThan(0.935);
    expect(covered / trials).toBeLessThan(0.965);
  });

  it('nonparametric needs enough disjoint pairs, then picks the Wilks order statistic', () => {
    const draw = normalSampler(seeded(7));
    const small = Array.from({ length: 100 }, draw); // m = 50 < 59
    expect(measureProdEnvelope(small, { method: 'nonparametric' })).toMatchObject({ status: 'unmeasured', reason: 'too_few_pairs' });
    const samples = Array.from({ length: 400 }, draw); // m = 200
    const envelope = measureProdEnvelope(samples, { method: 'nonparametric' });
    expect(envelope.status).toBe('measured');
    const differences = Array.from({ length: 200 }, (_, i) => Math.abs(samples[2 * i]! - samples[2 * i + 1]!)).sort((a, b) => b - a);
    const rank = differences.indexOf(envelope.eps_prod!) + 1;
    expect(rank).toBeGreaterThan(0);
    expect(binomialCdf(200 - rank, 200, 0.95)).toBeGreaterThanOrEqual(0.95);
    expect(binomialCdf(200 - rank - 1, 200, 0.95)).toBeLessThan(0.95);
  });

  it('rejects bad options with a typed error', () => {
    expect(() => measureProdEnvelope(ten, { coverage: 0 })).toThrow(/^coverage: /);
    expect(() => measureProdEnvelope(ten, { method: 'bootstrap' as never })).toThrow(/^method: /);
  });
});
