import { describe, expect, it } from 'vitest';
import { aggregateStepMetrics } from './aggregate-step-metrics.js';
import { MetricKeyError } from './metric-key-error.js';
import { MetricKeyRegistry } from './metric-key-registry.js';
import { StepAggregator } from './step-aggregator.js';
import { StepMetrics } from './step-metrics.js';

describe('StepMetrics', () => {
  it('increment sums within the step; observe averages the step’s observations', () => {
    const m = new StepMetrics();
    m.increment('picks');
    m.increment('picks', 4);
    m.observe('loss', 1);
    m.observe('loss', 2);
    m.observe('loss', 6);
    expect(m.drain().toRecord()).toEqual({ picks: 1 + 4, loss: (1 + 2 + 6) / 3 });
  });

  it('drain resets: keys not touched in a step are absent from its snapshot', () => {
    const m = new StepMetrics();
    m.increment('a', 2);
    m.observe('b', 3);
    m.drain();
    m.increment('a', 5);
    const snapshot = m.drain();
    expect(snapshot.toRecord()).toEqual({ a: 5 });
    expect(snapshot.get('b')).toBeUndefined();
    expect(m.drain().toRecord()).toEqual({});
  });

  it('drain returns the same snapshot object each step (no per-step allocation); copy with toRecord', () => {
    const m = new StepMetrics();
    m.increment('a');
    const first = m.drain();
    const kept = first.toRecord();
    m.increment('a', 9);
    expect(m.drain()).toBe(first);
    expect(kept).toEqual({ a: 1 });
  });

  it('a key is a counter or a gauge for life: mixing them throws MetricKeyError naming the key', () => {
    const m = new StepMetrics();
    m.increment('x');
    expect(() => m.observe('x', 1)).toThrow(MetricKeyError);
    m.drain();
    expect(() => m.observe('x', 1)).toThrow(/"x" is a counter/);
  });

  it('incrementId/observeId reject an id the registry never issued', () => {
    const m = new StepMetrics();
    m.registry.id('a');
    expect(() => m.incrementId(1)).toThrow(RangeError);
    expect(() => m.observeId(-1, 2)).toThrow(RangeError);
    m.incrementId(0, 3);
    expect(m.drain().toRecord()).toEqual({ a: 3 });
  });

  it('ranks sharing a registry grow independently as new keys appear (ids beyond a rank’s arrays)', () => {
    const registry = new MetricKeyRegistry();
    const a = new StepMetrics(registry, 1);
    const b = new StepMetrics(registry, 1);
    for (let i = 0; i < 40; i++) a.increment(`k${i}`, i);
    b.increment('k39', 1);
    b.incrementId(registry.id('k20'), 2);
    const result = aggregateStepMetrics([a.drain(), b.drain()], { missing: 'skip', keys: { '*': { op: 'sum' } } });
    expect(result.metrics.k39).toBe(39 + 1);
    expect(result.metrics.k20).toBe(20 + 2);
    expect(result.metrics.k3).toBe(3);
    expect(result.keys.length).toBe(40);
  });

  it('StepAggregator returns the same ReducedStep each step and re-plans when new keys appear', () => {
    const registry = new MetricKeyRegistry();
    const ranks = [new StepMetrics(registry), new StepMetrics(registry)];
    const aggregator = new StepAggregator({ keys: { n: { op: 'sum', max_sibling: true } } }, registry);
    ranks[0]!.increment('n', 1);
    ranks[1]!.increment('n', 2);
    const first = aggregator.aggregate(ranks.map((r) => r.drain()));
    expect(first.toResult().metrics).toEqual({ n: 3, n_max: 2 });
    ranks[0]!.increment('n', 5);
    ranks[1]!.increment('n', 1);
    ranks[0]!.observe('loss', 1);
    ranks[1]!.observe('loss', 3);
    const second = aggregator.aggregate(ranks.map((r) => r.drain()));
    expect(second).toBe(first);
    expect(second.toResult()).toMatchObject({ keys: ['loss', 'n', 'n_max'], metrics: { loss: 2, n: 6, n_max: 5 } });
  });

  it('rejects snapshots from another registry on the compiled path', () => {
    const aggregator = new StepAggregator({}, new MetricKeyRegistry());
    expect(() => aggregator.aggregate([new StepMetrics().drain()])).toThrow(TypeError);
  });
});
