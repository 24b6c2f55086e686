import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caughtError } from '../test/caught-error.js';
import { ISSUE_SPEC } from '../test/rank-fixtures.js';
import { aggregateStepMetrics, reduceRanks } from './aggregate-step-metrics.js';
import { MetricKeyError } from './metric-key-error.js';
import { MetricKeyRegistry } from './metric-key-registry.js';
import type { MetricsReduceEvent } from './metrics-events.js';
import { MissingMetricError } from './missing-metric-error.js';
import { parseReductionSpec, type ReductionSpec } from './reduction-spec.js';
import { StepAggregator } from './step-aggregator.js';
import { StepMetrics } from './step-metrics.js';

const MAX = 2 ** 53;
const bigSum = (xs: readonly number[]) => xs.reduce((acc, v) => acc + BigInt(v), 0n);
/** Rank values of one key: 1…8 ranks of integers. */
const rankInts = (min: number, max: number) => fc.array(fc.integer({ min, max }), { minLength: 1, maxLength: 8 });
const records = (key: string, values: readonly number[]) => values.map((v) => ({ [key]: v }));

const missingError = (fn: () => unknown) => caughtError(fn, MissingMetricError);

describe('ops', () => {
  it('sum is exact for integer counters up to 2^53 and independent of rank order', () => {
    fc.assert(
      fc.property(rankInts(0, MAX), (values) => {
        fc.pre(bigSum(values) <= BigInt(MAX));
        const spec = { keys: { c: { op: 'sum' as const } } };
        expect(reduceRanks(records('c', values), spec).metrics.c).toBe(Number(bigSum(values)));
        expect(reduceRanks(records('c', [...values].reverse()), spec).metrics.c).toBe(Number(bigSum(values)));
      }),
    );
  });

  it('mean is the unweighted mean over ranks (the exact sum, rounded once, divided by the rank count)', () => {
    fc.assert(
      fc.property(rankInts(-(2 ** 50), 2 ** 50), (values) => {
        expect(reduceRanks(records('loss', values), {}).metrics.loss).toBe(Number(bigSum(values)) / values.length);
      }),
    );
  });

  it('mean of per-rank means (StepMetrics.observe, equal sample counts) equals the mean of all samples', () => {
    // 2^k samples per rank keep every per-rank mean exact, so the identity holds bit for bit.
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 3 }),
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 6 * 8, maxLength: 6 * 8 }),
        (ranks, k, pool) => {
          const samples = 2 ** k;
          const registry = new MetricKeyRegistry();
          const meters = Array.from({ length: ranks }, () => new StepMetrics(registry));
          const all: number[] = [];
          meters.forEach((m, r) => {
            for (let i = 0; i < samples; i++) {
              const v = pool[(r * samples + i) % pool.length]!;
              m.observe('loss', v);
              all.push(v);
            }
          });
          const snapshots = meters.map((m) => m.drain());
          expect(aggregateStepMetrics(snapshots, {}).metrics.loss).toBe(Number(bigSum(all)) / all.length);
        },
      ),
    );
  });

  it('max and min are the extreme rank values', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true }), { minLength: 1, maxLength: 8 }), (values) => {
        const spec = { keys: { hi: { op: 'max' as const }, lo: { op: 'min' as const } } };
        const out = reduceRanks(
          values.map((v) => ({ hi: v, lo: v })),
          spec,
        ).metrics;
        expect(out.hi).toBe(Math.max(...values));
        expect(out.lo).toBe(Math.min(...values));
      }),
    );
  });

  it('weighted_mean is Σ v·w / Σ w (exact numerator and denominator, BigInt oracle)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -(2 ** 30), max: 2 ** 30 }), fc.integer({ min: 1, max: 2 ** 30 })), { minLength: 1, maxLength: 8 }), (pairs) => {
        const spec = { keys: { loss: { op: 'weighted_mean' as const, weight: 'tokens' }, tokens: { op: 'sum' as const } } };
        const out = reduceRanks(
          pairs.map(([v, w]) => ({ loss: v, tokens: w })),
          spec,
        ).metrics;
        const num = pairs.reduce((acc, [v, w]) => acc + BigInt(v) * BigInt(w), 0n);
        const den = pairs.reduce((acc, [, w]) => acc + BigInt(w), 0n);
        expect(out.loss).toBe(Number(num) / Number(den));
        expect(out.tokens).toBe(Number(den));
      }),
    );
  });

  it('weighted_mean with weights summing to 0 is omitted, with the reason', () => {
    const result = reduceRanks([{ loss: 1, tokens: 0 }, { loss: 2, tokens: 0 }], { keys: { loss: { op: 'weighted_mean', weight: 'tokens' } } });
    expect(result.metrics).toEqual({ tokens: 0 });
    expect(result.omitted).toEqual([{ key: 'loss', reason: 'zero_weight' }]);
  });

  it('max_sibling adds <key>_max, the max over ranks, beside the key’s own reduction', () => {
    fc.assert(
      fc.property(rankInts(0, 2 ** 40), (values) => {
        const out = reduceRanks(records('tokens', values), { keys: { tokens: { op: 'sum', max_sibling: true } } });
        expect(out.metrics.tokens).toBe(Number(bigSum(values)));
        expect(out.metrics.tokens_max).toBe(Math.max(...values));
        expect(out.keys).toEqual(['tokens', 'tokens_max']);
      }),
    );
  });

  it('a glob rule applies to every key of its segment; other keys reduce by mean', () => {
    const spec: ReductionSpec = { keys: { 'stream_mixing/picks/*': { op: 'sum' } } };
    const out = reduceRanks(
      [
        { 'stream_mixing/picks/web': 3, 'stream_mixing/picks/books': 1, loss: 1 },
        { 'stream_mixing/picks/web': 5, 'stream_mixing/picks/books': 2, loss: 2 },
      ],
      spec,
    ).metrics;
    expect(out).toEqual({ 'stream_mixing/picks/web': 3 + 5, 'stream_mixing/picks/books': 1 + 2, loss: (1 + 2) / 2 });
  });
});

describe('the issue’s spec', () => {
  it('a rule without op, and a key matching no rule, reduce by mean (a rule without op may still ask for _max)', () => {
    const out = reduceRanks([{ loss: 1, other: 10 }, { loss: 4, other: 20 }], { keys: { loss: { max_sibling: true } } });
    expect(out.keys).toEqual(['loss', 'loss_max', 'other']);
    expect(out.metrics).toEqual({ loss: (1 + 4) / 2, loss_max: 4, other: (10 + 20) / 2 });
  });

  it('the spec file of the issue reduces each key by its rule', () => {
    const ranks = [
      { loss: 2, tokens: 100, loss_w: 1, 'stream_mixing/picks/web': 3, 'stream_mixing/picks/books': 0, hits: 9, lookups: 10 },
      { loss: 4, tokens: 300, loss_w: 3, 'stream_mixing/picks/web': 1, 'stream_mixing/picks/books': 2, hits: 1, lookups: 90 },
    ];
    const result = reduceRanks(ranks, parseReductionSpec(ISSUE_SPEC));
    expect(result.keys).toEqual(['hit_rate', 'hits', 'lookups', 'loss', 'loss_w', 'stream_mixing/picks/books', 'stream_mixing/picks/web', 'tokens', 'tokens_max']);
    expect(result.metrics).toEqual({
      hit_rate: (9 + 1) / (10 + 90), // from the reduced hits and lookups, which reduce by mean: the ratio is the same
      hits: (9 + 1) / 2,
      lookups: (10 + 90) / 2,
      loss: (2 + 4) / 2,
      loss_w: (1 * 100 + 3 * 300) / (100 + 300),
      'stream_mixing/picks/books': 0 + 2,
      'stream_mixing/picks/web': 3 + 1,
      tokens: 100 + 300,
      tokens_max: 300,
    });
  });
});

describe('derived ratios', () => {
  const spec: ReductionSpec = {
    keys: { hits: { op: 'sum' }, lookups: { op: 'sum' }, hit_rate: { derive: 'ratio', numerator: 'hits', denominator: 'lookups' } },
  };

  it('are computed after reduction from the reduced values, never as a mean of per-rank ratios', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 1000 })), { minLength: 1, maxLength: 8 }), (ranks) => {
        const input = ranks.map(([h, l]) => ({ hits: Math.min(h, l), lookups: l, hit_rate: Math.min(h, l) / l }));
        const sumHits = input.reduce((a, r) => a + r.hits, 0);
        const sumLookups = input.reduce((a, r) => a + r.lookups, 0);
        expect(reduceRanks(input, spec).metrics.hit_rate).toBe(sumHits / sumLookups);
      }),
    );
    // One rank with 1/1, one with 0/99: the mean of ratios would be 0.5; the cluster rate is 1/100.
    expect(reduceRanks([{ hits: 1, lookups: 1 }, { hits: 0, lookups: 99 }], spec).metrics.hit_rate).toBe(1 / 100);
  });

  it('a zero reduced denominator omits the key (and says so)', () => {
    const result = reduceRanks([{ hits: 0, lookups: 0 }, { hits: 0, lookups: 0 }], spec);
    expect(Object.keys(result.metrics)).toEqual(['hits', 'lookups']);
    expect(result.omitted).toEqual([{ key: 'hit_rate', reason: 'zero_denominator' }]);
  });

  it('an operand on no rank follows the missing policy', () => {
    expect(missingError(() => reduceRanks([{ hits: 1 }], spec, { step: 4 })).key).toBe('lookups');
    expect(reduceRanks([{ lookups: 4 }], { ...spec, missing: 'zero' }).metrics.hit_rate).toBe(0);
    expect(reduceRanks([{ lookups: 4 }], { ...spec, missing: 'skip' }).omitted).toEqual([{ key: 'hit_rate', reason: 'missing_operand' }]);
  });
});

describe('missing policy', () => {
  // Rank r's record lacks `loss`; the others have it.
  const withHole = fc
    .array(fc.integer({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 8 })
    .chain((values) => fc.tuple(fc.constant(values), fc.integer({ min: 0, max: values.length - 1 })));

  it('error (the default) names the rank, the key and the step', () => {
    fc.assert(
      fc.property(withHole, ([values, hole]) => {
        const input = values.map((v, r): Record<string, number> => (r === hole ? { other: 1 } : { loss: v, other: 1 }));
        const error = missingError(() => reduceRanks(input, {}, { step: 7, rankLabels: values.map((_, r) => `rank-${r}.jsonl`) }));
        expect(error.rank).toBe(hole);
        expect(error.key).toBe('loss');
        expect(error.step).toBe(7);
        expect(error.message).toContain(`rank ${hole} (rank-${hole}.jsonl)`);
        expect(error.message).toContain('"loss"');
      }),
    );
  });

  it('zero counts the missing rank as 0; skip reduces over the ranks that have the key', () => {
    fc.assert(
      fc.property(withHole, ([values, hole]) => {
        const input = values.map((v, r): Record<string, number> => (r === hole ? {} : { loss: v }));
        const present = values.filter((_, r) => r !== hole);
        expect(reduceRanks(input, { missing: 'zero' }).metrics.loss).toBe(Number(bigSum(present)) / values.length);
        expect(reduceRanks(input, { missing: 'skip' }).metrics.loss).toBe(Number(bigSum(present)) / present.length);
      }),
    );
  });

  it('skip: a weighted-mean key whose weight no rank has is omitted (missing_operand)', () => {
    const result = reduceRanks([{ loss: 1 }, { loss: 2 }], { missing: 'skip', keys: { loss: { op: 'weighted_mean', weight: 'tokens' } } });
    expect(result.metrics).toEqual({});
    expect(result.omitted).toEqual([{ key: 'loss', reason: 'missing_operand' }]);
  });

  it('applies to the weight of a weighted mean', () => {
    const spec: ReductionSpec = { keys: { loss: { op: 'weighted_mean', weight: 'tokens' } } };
    const input: Record<string, number>[] = [{ loss: 1, tokens: 3 }, { loss: 5 }];
    expect(missingError(() => reduceRanks(input, spec)).key).toBe('tokens');
    expect(reduceRanks(input, { ...spec, missing: 'zero' }).metrics.loss).toBe(1);
    expect(reduceRanks(input, { ...spec, missing: 'skip' }).metrics.loss).toBe(1);
  });
});

describe('non_finite policy', () => {
  it('propagate lets NaN and ±Infinity through IEEE arithmetic', () => {
    const out = reduceRanks(
      [
        { m: 1, s: 1, hi: 1 },
        { m: Number.NaN, s: Number.POSITIVE_INFINITY, hi: Number.NaN },
      ],
      { keys: { s: { op: 'sum' }, hi: { op: 'max' } } },
    ).metrics;
    expect(out.m).toBeNaN();
    expect(out.s).toBe(Number.POSITIVE_INFINITY);
    expect(out.hi).toBeNaN();
  });

  it('drop ignores non-finite ranks for mean/max/min and reports how many were dropped', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -100, max: 100 }), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY)), { minLength: 1, maxLength: 8 }),
        (values) => {
          const finite = values.filter(Number.isFinite);
          const input = values.map((v) => ({ m: v, hi: v, lo: v }));
          const result = reduceRanks(input, { non_finite: 'drop', keys: { hi: { op: 'max' }, lo: { op: 'min' } } });
          const droppedPerKey = values.length - finite.length;
          expect(result.dropped.total).toBe(3 * droppedPerKey);
          if (finite.length === 0) {
            expect(result.metrics).toEqual({});
            expect(result.omitted.map((o) => o.reason)).toEqual(['all_dropped', 'all_dropped', 'all_dropped']);
            return;
          }
          expect(result.metrics.m).toBe(finite.reduce((a, b) => a + b, 0) / finite.length);
          expect(result.metrics.hi).toBe(Math.max(...finite));
          expect(result.metrics.lo).toBe(Math.min(...finite));
          if (droppedPerKey > 0) expect(result.dropped.byKey).toEqual({ hi: droppedPerKey, lo: droppedPerKey, m: droppedPerKey });
        },
      ),
    );
  });

  it('drop never hides a non-finite counter: sum propagates, its _max sibling drops', () => {
    const result = reduceRanks([{ c: 2 }, { c: Number.NaN }], { non_finite: 'drop', keys: { c: { op: 'sum', max_sibling: true } } });
    expect(result.metrics.c).toBeNaN();
    expect(result.metrics.c_max).toBe(2);
    expect(result.dropped).toEqual({ total: 1, byKey: { c: 1 } });
  });

  it('drop drops nothing from a sum without a _max sibling (the counter keeps its NaN; nothing is reported as dropped)', () => {
    const result = reduceRanks([{ c: 2 }, { c: Number.NaN }], { non_finite: 'drop', keys: { c: { op: 'sum' } } });
    expect(result.metrics.c).toBeNaN();
    expect(result.dropped).toEqual({ total: 0, byKey: {} });
  });

  it('StepAggregator emits metrics_non_finite_dropped and metrics_keys_omitted to the injected sink', () => {
    const events: MetricsReduceEvent[] = [];
    const registry = new MetricKeyRegistry();
    const aggregator = new StepAggregator(
      { non_finite: 'drop', keys: { r: { derive: 'ratio', numerator: 'a', denominator: 'b' }, b: { op: 'sum' } } },
      registry,
      { emit: (e) => events.push(e) },
    );
    const ranks = [new StepMetrics(registry), new StepMetrics(registry)];
    ranks[0]!.observe('a', Number.NaN);
    ranks[0]!.increment('b', 0);
    ranks[1]!.observe('a', 2);
    ranks[1]!.increment('b', 0);
    aggregator.aggregate(
      ranks.map((m) => m.drain()),
      9,
    );
    expect(events).toEqual([
      { event: 'metrics_non_finite_dropped', severity: 'warning', step: 9, dropped: 1, keys: { a: 1 } },
      { event: 'metrics_keys_omitted', severity: 'info', step: 9, omitted: [{ key: 'r', reason: 'zero_denominator' }] },
    ]);
  });
});

describe('output', () => {
  it('key order is deterministic: code-unit order, whatever the input key order and rank order', () => {
    const keyArb = fc.string({ unit: fc.constantFrom('a', 'B', '_', '/', '0'), minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(fc.uniqueArray(keyArb, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 4 }), (keys, ranks) => {
        const forward = Array.from({ length: ranks }, (_, r) => Object.fromEntries(keys.map((k, i) => [k, r + i])));
        const backward = [...forward].reverse().map((rec) => Object.fromEntries(Object.entries(rec).reverse()));
        const a = reduceRanks(forward, { keys: { '*': { op: 'sum' } } });
        const b = reduceRanks(backward, { keys: { '*': { op: 'sum' } } });
        expect(a.keys).toEqual([...keys].sort((x, y) => (x < y ? -1 : 1)));
        expect(b.keys).toEqual(a.keys);
        expect(b.metrics).toEqual(a.metrics);
      }),
    );
  });

  it('an output name produced twice is a MetricKeyError, not a silent overwrite', () => {
    expect(() => reduceRanks([{ tokens: 1, tokens_max: 3 }], { keys: { tokens: { op: 'sum', max_sibling: true } } })).toThrow(MetricKeyError);
  });

  it('per-rank values under a derived key’s name are ignored (the ratio comes from reduced operands)', () => {
    const spec: ReductionSpec = { keys: { n: { op: 'sum' }, d: { op: 'sum' }, rate: { derive: 'ratio', numerator: 'n', denominator: 'd' } } };
    expect(reduceRanks([{ n: 1, d: 1, rate: 1 }, { n: 0, d: 3, rate: 0 }], spec).metrics.rate).toBe(1 / 4);
  });
});
