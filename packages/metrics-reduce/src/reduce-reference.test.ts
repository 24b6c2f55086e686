import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateStepMetrics, reduceRanks } from './aggregate-step-metrics.js';
import { ExactSum } from './exact-sum.js';
import { KeyRuleMatcher } from './key-rule-matcher.js';
import { MetricKeyRegistry } from './metric-key-registry.js';
import { MissingMetricError } from './missing-metric-error.js';
import type { ReduceResult } from './reduce-result.js';
import { type DeriveRatioRule, type KeyRule, type NormalizedReductionSpec, parseReductionSpec, type ReduceOp } from './reduction-spec.js';
import { StepSnapshot } from './step-snapshot.js';

/**
 * A straightforward reduction, written from the rules as stated (README "Reduction specs"), with plain
 * arrays, Math.max/Math.min and the exact partials of ExactSum (add/value, tested against BigInt).
 * StepAggregator must agree with it bit for bit, on its fast path (every rank has the key, no policy
 * applies) and its slow path (holes, dropped non-finite values) alike.
 */
function reference(records: readonly Record<string, number>[], spec: NormalizedReductionSpec): ReduceResult | 'missing' {
  const matcher = new KeyRuleMatcher(spec.keys);
  const derived = [...matcher.derivedRules()] as [string, DeriveRatioRule][];
  const derivedNames = new Set(derived.map(([k]) => k));
  const metrics: Record<string, number> = {};
  const omitted = new Map<string, string>();
  const dropped: Record<string, number> = {};
  const exactSum = (xs: number[]) => {
    const s = new ExactSum();
    for (const x of xs) s.add(x);
    return s.value();
  };
  const exactDot = (xs: number[], ws: number[]) => {
    const s = new ExactSum();
    xs.forEach((x, i) => {
      s.addProduct(x, ws[i]!);
    });
    return s.value();
  };
  const keys = [...new Set(records.flatMap((r) => Object.keys(r)))].filter((k) => !derivedNames.has(k));
  for (const key of keys) {
    const rule = matcher.ruleFor(key);
    const op = rule.op!;
    const values: number[] = [];
    const weights: number[] = [];
    const forSum: number[] = [];
    const forSibling: number[] = [];
    let droppedHere = 0;
    for (const record of records) {
      let v = record[key];
      if (v === undefined) {
        if (spec.missing === 'error') return 'missing';
        if (spec.missing === 'skip') continue;
        v = 0;
      }
      let w = 1;
      if (op === 'weighted_mean') {
        const wv = record[rule.weight!];
        if (wv === undefined) {
          if (spec.missing === 'error') return 'missing';
          if (spec.missing === 'skip') continue;
          w = 0;
        } else w = wv;
      }
      if (spec.non_finite === 'drop' && !(Number.isFinite(v) && Number.isFinite(w))) {
        if (op === 'sum') {
          forSum.push(v);
          if (rule.max_sibling) droppedHere++;
        } else droppedHere++;
        continue;
      }
      values.push(v);
      weights.push(w);
      forSum.push(v);
      forSibling.push(v);
    }
    if (droppedHere > 0) dropped[key] = droppedHere;
    const extreme = (f: (...xs: number[]) => number) => (values.some(Number.isNaN) ? Number.NaN : f(...values));
    const results: Record<ReduceOp, () => number | undefined> = {
      sum: () => exactSum(forSum),
      mean: () => exactSum(values) / values.length,
      max: () => extreme(Math.max),
      min: () => extreme(Math.min),
      weighted_mean: () => {
        const total = exactSum(weights);
        return total === 0 ? undefined : exactDot(values, weights) / total;
      },
    };
    if ((op === 'sum' ? forSum : values).length === 0) omitted.set(key, droppedHere > 0 ? 'all_dropped' : 'missing_operand');
    else {
      const value = results[op]();
      if (value === undefined) omitted.set(key, 'zero_weight');
      else metrics[key] = value;
    }
    if (rule.max_sibling) {
      if (forSibling.length === 0) omitted.set(`${key}_max`, 'all_dropped');
      else metrics[`${key}_max`] = forSibling.some(Number.isNaN) ? Number.NaN : Math.max(...forSibling);
    }
  }
  for (const [key, rule] of derived) {
    const operand = (name: string): number | undefined | 'missing' => {
      if (name in metrics) return metrics[name];
      if (omitted.has(name)) return undefined;
      if (spec.missing === 'error') return records.length > 0 ? 'missing' : undefined;
      return spec.missing === 'zero' ? 0 : undefined;
    };
    const num = operand(rule.numerator);
    const den = operand(rule.denominator);
    if (num === 'missing' || den === 'missing') return 'missing';
    if (num === undefined || den === undefined) omitted.set(key, 'missing_operand');
    else if (den === 0) omitted.set(key, 'zero_denominator');
    else metrics[key] = num / den;
  }
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    metrics,
    keys: Object.keys(metrics).sort(order),
    dropped: { total: Object.values(dropped).reduce((a, b) => a + b, 0), byKey: dropped },
    omitted: [...omitted.keys()].sort(order).map((k) => ({ key: k, reason: omitted.get(k)! as ReduceResult['omitted'][number]['reason'] })),
  };
}

const value = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -50, max: 50 }) },
  { weight: 4, arbitrary: fc.integer({ min: -500, max: 500 }).map((k) => k / 7) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, 2 ** 53, 1e300) },
  { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY) },
);
const weight = fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constantFrom(Number.NaN, 0.5));
const op = fc.constantFrom<ReduceOp | undefined>('mean', 'sum', 'max', 'min', 'weighted_mean', undefined);
const rule = fc.record({ op, max_sibling: fc.boolean() }).map(({ op: o, max_sibling }): KeyRule => {
  const r: { op?: ReduceOp; weight?: string; max_sibling?: boolean } = {};
  if (o !== undefined) r.op = o;
  if (o === 'weighted_mean') r.weight = 'w';
  if (max_sibling) r.max_sibling = true;
  return r;
});
const specArb = fc
  .record({
    missing: fc.constantFrom('error', 'zero', 'skip'),
    non_finite: fc.constantFrom('propagate', 'drop'),
    a: rule,
    pattern: rule,
    ratio: fc.boolean(),
  })
  .map(({ missing, non_finite, a, pattern, ratio }) => {
    const keys: Record<string, KeyRule> = { a, 'g/*': pattern, w: { op: 'sum' } };
    if (ratio) keys.r = { derive: 'ratio', numerator: 'a', denominator: 'w' };
    return parseReductionSpec({ missing, non_finite, keys });
  });
const KEYS = ['a', 'b', 'g/x', 'g/y', 'w'];
/** 1–6 ranks; each rank has each key with probability ~85% (so some steps are complete, some not). */
const recordsArb = fc.array(
  fc.record(Object.fromEntries(KEYS.map((k) => [k, fc.option(k === 'w' ? weight : value, { freq: 7, nil: undefined })]))).map((r) => {
    const out: Record<string, number> = {};
    for (const [k, v] of Object.entries(r)) if (v !== undefined) out[k] = v as number;
    return out;
  }),
  { minLength: 1, maxLength: 6 },
);

function ours(records: readonly Record<string, number>[], spec: NormalizedReductionSpec): ReduceResult | 'missing' {
  try {
    return reduceRanks(records, spec);
  } catch (error) {
    if (error instanceof MissingMetricError) return 'missing';
    throw error;
  }
}

function expectSame(actual: ReduceResult | 'missing', expected: ReduceResult | 'missing'): void {
  if (expected === 'missing' || actual === 'missing') {
    expect(actual).toBe(expected);
    return;
  }
  expect(actual.keys).toEqual(expected.keys);
  for (const key of expected.keys) expect(Object.is(actual.metrics[key], expected.metrics[key]), `${key}: ${actual.metrics[key]} vs ${expected.metrics[key]}`).toBe(true);
  expect(actual.omitted).toEqual(expected.omitted);
  expect(actual.dropped).toEqual(expected.dropped);
}

describe('StepAggregator agrees bit for bit with a straightforward reference reduction', () => {
  it('for random specs, policies, holes and non-finite values (fast and slow paths)', () => {
    fc.assert(
      fc.property(specArb, recordsArb, (spec, records) => {
        expectSame(ours(records, spec), reference(records, spec));
      }),
      { numRuns: 3000 },
    );
  });

  it('for complete steps reduced step after step by one compiled aggregator (the fast path, reused buffers)', () => {
    fc.assert(
      fc.property(specArb, fc.array(fc.array(fc.tuple(value, value, value, value, weight), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 5 }), (spec, steps) => {
        const registry = new MetricKeyRegistry();
        const snapshots = [0, 1, 2].map(() => new StepSnapshot(registry));
        for (const ranks of steps) {
          const records = ranks.map(([a, b, gx, gy, w]) => ({ a, b, 'g/x': gx, 'g/y': gy, w }));
          records.forEach((record, r) => {
            snapshots[r]!.load(record);
          });
          expectSame(aggregateStepMetrics(snapshots, spec), reference(records, spec));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('max and min do not depend on the rank order, even for signed zeros', () => {
    const spec = { keys: { hi: { op: 'max' as const, max_sibling: true }, lo: { op: 'min' as const } } };
    const forward = reduceRanks([{ hi: -0, lo: 0 }, { hi: 0, lo: -0 }], spec).metrics;
    const backward = reduceRanks([{ hi: 0, lo: -0 }, { hi: -0, lo: 0 }], spec).metrics;
    expect(Object.is(forward.hi, 0) && Object.is(backward.hi, 0) && Object.is(forward.hi_max, 0)).toBe(true);
    expect(Object.is(forward.lo, -0) && Object.is(backward.lo, -0)).toBe(true);
  });
});
