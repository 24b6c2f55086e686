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
        // `+ 0`: a lone (−1)·0 is −0 by IEEE rules, while the BigInt reference has no signed zero.
        expect(s.value() + 0).toBe(Number(pairs.reduce((acc, [v, w]) => acc + BigInt(v) * BigInt(w), 0n)));
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

/** Doubles that stress rounding: integers, dyadic fractions, thirds, near-1 values, wide exponents, cancellations. */
const awkwardDouble = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.integer({ min: -(2 ** 53), max: 2 ** 53 }),
  fc.integer({ min: 1, max: 1000 }).map((k) => k / 3),
  fc.integer({ min: 0, max: 60 }).map((k) => 1 + 2 ** -k),
  fc.integer({ min: 0, max: 60 }).map((k) => -(2 ** -k)),
  fc.tuple(fc.integer({ min: -2000, max: 2000 }), fc.integer({ min: -80, max: 80 })).map(([m, e]) => m * 2 ** e),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e30, max: 1e30 }),
  fc.constantFrom(0, -0, Number.MIN_VALUE, -Number.MIN_VALUE, 2 ** -1000),
);

/** `reset`, `add` each, `value`: the exact partials alone (checked against BigInt oracles above). */
function partialsSum(values: readonly number[]): number {
  const s = new ExactSum();
  for (const v of values) s.add(v);
  return s.value();
}
function partialsDot(a: readonly number[], b: readonly number[]): number {
  const s = new ExactSum();
  a.forEach((x, i) => {
    s.addProduct(x, b[i]!);
  });
  return s.value();
}
const OUT = new Float64Array(1);
function sumInto(values: readonly number[]): number {
  new ExactSum().sumInto(Float64Array.from([7, ...values]), 1, values.length, OUT, 0);
  return OUT[0]!;
}
function dotInto(a: readonly number[], b: readonly number[]): number {
  new ExactSum().dotInto(Float64Array.from(a), 0, Float64Array.from([0, 0, ...b]), 2, a.length, OUT, 0);
  return OUT[0]!;
}

describe('ExactSum.sumInto / dotInto (certified compensated sums, exact partials as fallback)', () => {
  it('give bit for bit the result of the exact partials, on awkward doubles and cancellations', () => {
    fc.assert(
      fc.property(fc.array(awkwardDouble, { maxLength: 12 }), fc.boolean(), (values, cancel) => {
        // Make the exact sum cancel the first two values sometimes (results near 0 or near midpoints).
        const input = cancel && values.length > 2 ? [...values, -(values[0]! + values[1]!)] : values;
        expect(Object.is(sumInto(input), partialsSum(input))).toBe(true);
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(awkwardDouble, awkwardDouble), { maxLength: 10 }), (pairs) => {
        const a = pairs.map(([x]) => x);
        const b = pairs.map(([, y]) => y);
        expect(Object.is(dotInto(a, b), partialsDot(a, b))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('are the correctly rounded exact sum of dyadic values (BigInt oracle)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }), { maxLength: 16 }), (units) => {
        expect(sumInto(units.map((k) => k * 2 ** -40))).toBe(Number(units.reduce((acc, k) => acc + BigInt(k), 0n)) * 2 ** -40);
      }),
    );
  });

  it('round a sum just above a midpoint up, where compensated summation alone would round to even', () => {
    // 1 + 2^-53 is a tie (rounds to 1); the extra 2^-106 puts the exact sum above it: 1 + 2^-52.
    const values = [1, 2 ** -53, 2 ** -106];
    expect(values.reduce((a, b) => a + b, 0)).toBe(1);
    expect(sumInto(values)).toBe(1 + 2 ** -52);
    expect(sumInto([1, 2 ** -53])).toBe(1); // an exact tie: round half to even
    expect(sumInto([1 + 2 ** -52, 2 ** -53])).toBe(1 + 2 ** -51);
  });

  it('propagate non-finite values and overflow like the partials', () => {
    expect(sumInto([1, Number.NaN, 2])).toBeNaN();
    expect(sumInto([Number.POSITIVE_INFINITY, 1])).toBe(Number.POSITIVE_INFINITY);
    expect(sumInto([Number.MAX_VALUE, Number.MAX_VALUE])).toBe(Number.POSITIVE_INFINITY);
    expect(sumInto([Number.MAX_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE])).toBe(Number.POSITIVE_INFINITY);
    expect(dotInto([1e200, 2], [1e200, 3])).toBe(Number.POSITIVE_INFINITY);
    expect(dotInto([Number.NaN], [0])).toBeNaN();
    expect(sumInto([])).toBe(0);
    expect(Object.is(sumInto([-0, -0]), -0)).toBe(true);
  });
});
