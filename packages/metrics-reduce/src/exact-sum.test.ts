import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExactSum } from './exact-sum.js';

const MAX = 2 ** 53;

function exactSum(values: readonly number[]): number {
  const s = new ExactSum();
  for (const v of values) s.add(v);
  return s.value();
}

/** The correctly rounded sum of integers, computed with BigInt (Number(bigint) rounds to nearest-even). */
function bigIntSum(values: readonly number[]): number {
  return Number(values.reduce((acc, v) => acc + BigInt(v), 0n));
}

describe('ExactSum', () => {
  it('sums integer counters exactly whenever the true total fits in ±2^53, whatever the order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -MAX, max: MAX }), { maxLength: 40 }), (values) => {
        const exact = values.reduce((acc, v) => acc + BigInt(v), 0n);
        fc.pre(exact <= BigInt(MAX) && exact >= -BigInt(MAX));
        expect(exactSum(values)).toBe(Number(exact));
        expect(exactSum([...values].reverse())).toBe(Number(exact));
      }),
    );
  });

  it('does not lose a unit when intermediate sums pass 2^53 (where left-to-right addition does)', () => {
    const values = [MAX, 1, -MAX];
    expect(values.reduce((a, b) => a + b, 0)).toBe(0); // the naive sum loses the 1
    expect(exactSum(values)).toBe(1);
  });

  it('returns the correctly rounded exact sum of arbitrary integers (BigInt oracle)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(2 ** 52), max: 2 ** 52 }).map((v) => v * 2 ** 20), { maxLength: 30 }), (values) => {
        expect(exactSum(values)).toBe(bigIntSum(values));
      }),
    );
  });

  it('is independent of the order of dyadic fractions (correct rounding of the exact sum)', () => {
    // Values k·2^-30 with |k| < 2^53: the exact sum in units of 2^-30 is a BigInt.
    const dyadic = fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 });
    fc.assert(
      fc.property(fc.array(dyadic, { maxLength: 25 }), (units) => {
        const values = units.map((k) => k * 2 ** -30);
        const oracle = Number(units.reduce((acc, k) => acc + BigInt(k), 0n)) * 2 ** -30;
        expect(exactSum(values)).toBe(oracle);
        expect(exactSum([...values].sort((a, b) => a - b))).toBe(oracle);
      }),
    );
  });

  it('adds exact products: Σ v·w is the correctly rounded exact sum', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), fc.integer({ min: 0, max: 2 ** 40 })), { maxLength: 20 }), (pairs) => {
        const s = new ExactSum();
        for (const [v, w] of pairs) s.addProduct(v, w);
        expect(s.value()).toBe(Number(pairs.reduce((acc, [v, w]) => acc + BigInt(v) * BigInt(w), 0n)));
      }),
    );
  });

  it('propagates non-finite inputs by IEEE rules and resets cleanly', () => {
    expect(exactSum([1, Number.POSITIVE_INFINITY, 2])).toBe(Number.POSITIVE_INFINITY);
    expect(exactSum([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])).toBeNaN();
    expect(exactSum([1, Number.NaN])).toBeNaN();
    expect(exactSum([])).toBe(0);
    const s = new ExactSum();
    s.add(Number.NaN);
    s.reset();
    s.add(3);
    expect(s.value()).toBe(3);
  });
});
