import { describe, expect, it } from 'vitest';
import { type ReplayEvent, type ReplayOutcome, runMany, runReplay, runReplayPair } from '../src/index.js';
import { exampleScript, python } from './process-state.js';

const metricsOf = (outcome: ReplayOutcome) => {
  if (!outcome.ok) throw new Error(`${outcome.error.kind}: ${outcome.error.message}\n${outcome.stderr.tail}`);
  return outcome.metrics;
};

describe('the example training cell (examples/train_buy_model.py)', () => {
  const spec = { command: [python, exampleScript], requiredMetrics: ['f1_buy'] };

  it('two pinned replays in parallel are bit-identical, with A/B labels and events', async () => {
    const events: ReplayEvent[] = [];
    const pair = await runReplayPair(spec, { mode: 'parallel', emit: (e) => events.push(e) });
    const a = metricsOf(pair.a);
    const b = metricsOf(pair.b);
    expect(Object.is(a.f1_buy, b.f1_buy)).toBe(true);
    expect(Object.is(a.log_loss, b.log_loss)).toBe(true);
    expect([pair.a.label, pair.b.label]).toEqual(['A', 'B']);
    expect(pair.a.pid).not.toBe(pair.b.pid);
    expect(events.filter((e) => e.event === 'replay_finished').map((e) => e.label).sort()).toEqual(['A', 'B']);
  });

  it('the metric depends on PYTHONHASHSEED: explicit seeds 0 and 1 give different values', async () => {
    const pair = await Promise.all([
      runReplay({ ...spec, pin: { mode: 'pinned', hashSeed: 0 } }),
      runReplay({ ...spec, pin: { mode: 'pinned', hashSeed: 1 } }),
    ]);
    expect(metricsOf(pair[0]).f1_buy).not.toBe(metricsOf(pair[1]).f1_buy);
  });

  it('the metric depends on BLAS threads: 1 and 2 threads give different values', async () => {
    const one = metricsOf(await runReplay({ ...spec, pin: { mode: 'pinned', threads: 1 } }));
    const two = metricsOf(await runReplay({ ...spec, pin: { mode: 'pinned', threads: 2 } }));
    expect(one.f1_buy).not.toBe(two.f1_buy);
  });

  it('the --variant switch changes the code path and the metric, and is recorded in the fingerprint', async () => {
    const [base, variant] = await Promise.all([
      runReplay(spec),
      runReplay({ ...spec, command: [...spec.command, '--variant', 'standardized'] }),
    ]);
    expect(Math.abs(metricsOf(base).f1_buy! - metricsOf(variant).f1_buy!)).toBeGreaterThan(1e-3);
    expect(variant.fingerprint?.variant).toBe('standardized');
    expect(base.fingerprint?.feature_versions).toEqual({ buy_features: 'v3' });
  });

  it('runMany runs n sequential replays in order and reports progress after each', async () => {
    const progress: Array<[number, number, string]> = [];
    const outcomes = await runMany({ ...spec, params: { steps: 5 } }, 3, {
      onProgress: (p) => progress.push([p.done, p.total, p.last.label]),
    });
    expect(outcomes.map((o) => o.label)).toEqual(['run-1', 'run-2', 'run-3']);
    expect(progress).toEqual([
      [1, 3, 'run-1'],
      [2, 3, 'run-2'],
      [3, 3, 'run-3'],
    ]);
    const values = outcomes.map((o) => metricsOf(o).f1_buy);
    expect(new Set(values).size).toBe(1);
  });

  it('sequential pairs run A before B (B starts after A finished)', async () => {
    const order: string[] = [];
    await runReplayPair({ ...spec, params: { steps: 5 } }, { mode: 'sequential', emit: (e) => order.push(`${e.event}:${e.label}`) });
    expect(order).toEqual(['replay_started:A', 'replay_finished:A', 'replay_started:B', 'replay_finished:B']);
  });
});
