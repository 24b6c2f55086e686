import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catchProbability, minDetectableDisagreementRate, replayPower, VerdictInputError } from '../src/index.js';
import { binomialCdf } from '../src/math/binomial.js';

/** Direct computation: P(at least one of the K−1 later replays disagrees) = 1 − P(Bin(K−1, p) = 0), by the pmf sum. */
const directCatch = (k: number, p: number) => 1 - binomialCdf(0, k - 1, p);

/** Direct search: the smallest p on a bisection with P_catch(p) >= c, from the binomial directly. */
function directMinRate(k: number, c: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 200; i += 1) {
    const mid = (lo + hi) / 2;
    if (directCatch(k, mid) >= c) hi = mid;
    else lo = mid;
  }
  return hi;
}

describe('K replays with a stated power', () => {
  it('matches the known values: K=2 → 0.95, K=6 → 0.451, K=10 → 0.283', () => {
    expect(minDetectableDisagreementRate(2)).toBeCloseTo(0.95, 12);
    expect(minDetectableDisagreementRate(6)).toBeCloseTo(0.4507197283, 9);
    expect(minDetectableDisagreementRate(10)).toBeCloseTo(0.2831288356, 9);
  });

  it('equals the direct binomial search for every K in 2..400 at 95 %', () => {
    for (let k = 2; k <= 400; k += 1) {
      const p = minDetectableDisagreementRate(k);
      expect(Math.abs(p - directMinRate(k, 0.95))).toBeLessThan(1e-9);
      // catches p with >= 95 % (direct pmf sum), and a rate 1e-6 lower is caught less often.
      expect(directCatch(k, p)).toBeGreaterThanOrEqual(0.95 - 1e-12);
      expect(directCatch(k, p * (1 - 1e-6))).toBeLessThan(0.95);
    }
  });

  it('property: for any K and confidence, the closed form equals the direct search and catchProbability', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 2000 }), fc.double({ min: 0.01, max: 0.999, noNaN: true }), (k, c) => {
        const p = minDetectableDisagreementRate(k, c);
        expect(Math.abs(p - directMinRate(k, c))).toBeLessThan(1e-9);
        expect(Math.abs(catchProbability(k, p) - c)).toBeLessThan(1e-9);
        expect(Math.abs(catchProbability(k, p) - directCatch(k, p))).toBeLessThan(1e-9);
      }),
      { numRuns: 300 },
    );
  });

  it('more replays never detect less: the rate decreases strictly with K', () => {
    for (let k = 2; k < 500; k += 1) expect(minDetectableDisagreementRate(k + 1)).toBeLessThan(minDetectableDisagreementRate(k));
  });

  it('rejects K < 2 and a confidence outside (0, 1) with a typed error naming the field', () => {
    for (const k of [0, 1, 2.5, Number.NaN]) expect(() => minDetectableDisagreementRate(k)).toThrowError(/replays/);
    expect(() => minDetectableDisagreementRate(3, 1)).toThrowError(VerdictInputError);
    expect(() => minDetectableDisagreementRate(3, 0)).toThrowError(/confidence/);
  });

  it('states the power in a sentence with K and the rate', () => {
    const power = replayPower(6);
    expect(power).toMatchObject({ replays: 6, confidence: 0.95 });
    expect(power.sentence).toContain('6 replays catch, with 95 % probability');
    expect(power.sentence).toContain('45.1 %');
  });
});
