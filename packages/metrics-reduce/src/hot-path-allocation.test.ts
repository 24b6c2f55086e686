import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { MetricKeyRegistry } from './metric-key-registry.js';
import { ReaderTable } from './reader-table.js';
import { StepAggregator } from './step-aggregator.js';
import { StepMetrics } from './step-metrics.js';
import type { StepSnapshot } from './step-snapshot.js';
import { StreamMixingAggregator } from './stream-mixing-aggregator.js';
import { StreamMixingMeter } from './stream-mixing-meter.js';
import type { StreamMixingSnapshot } from './stream-mixing-snapshot.js';

const WARMUP_STEPS = 20_000;
const WINDOW_STEPS = 2_000;
const WINDOWS = 15;
/** Heap growth over a window that counts as "nothing allocated per step": the statistics object itself. */
const SLACK_BYTES = 4_096;

/**
 * Heap growth (bytes) over windows of WINDOW_STEPS steps after warm-up, measured without a GC in
 * between (a window in which a GC ran shows a drop, i.e. a negative number). A step that allocates
 * even one number grows the heap by ≥ 16 bytes × WINDOW_STEPS, or triggers GCs. The windows give V8
 * time to finish optimizing in the background; only a clean window proves the steady state.
 */
function heapGrowthPerWindow(step: (s: number) => void): number[] {
  let s = 0;
  for (; s < WARMUP_STEPS; s++) step(s);
  const growth: number[] = [];
  for (let w = 0; w < WINDOWS; w++) {
    const before = getHeapStatistics().used_heap_size;
    for (const end = s + WINDOW_STEPS; s < end; s++) step(s);
    growth.push(getHeapStatistics().used_heap_size - before);
    if (growth.length >= 2 && growth.slice(-2).every((g) => g >= 0 && g < SLACK_BYTES)) break;
  }
  return growth;
}

/** Two consecutive windows without allocation. */
function steadyStateAllocatesNothing(growth: readonly number[]): boolean {
  return growth.some((g, i) => i > 0 && [growth[i - 1]!, g].every((x) => x >= 0 && x < SLACK_BYTES));
}

// Inputs are small integers (no number boxing in the test itself); the library's means, weighted
// means and ratios of them are not integers, so its floating-point paths run.
describe('the hot path allocates nothing per step after warm-up', () => {
  it('StepMetrics increment/observe/drain + StepAggregator.aggregate (sum + _max, mean, max, min, weighted_mean, ratio)', () => {
    const ranks = 8;
    const registry = new MetricKeyRegistry();
    const metrics = Array.from({ length: ranks }, () => new StepMetrics(registry));
    const aggregator = new StepAggregator(
      {
        keys: {
          'counters/*': { op: 'sum', max_sibling: true },
          'peak/*': { op: 'max' },
          'low/*': { op: 'min' },
          'weighted/*': { op: 'weighted_mean', weight: 'counters/tokens' },
          hit_rate: { derive: 'ratio', numerator: 'counters/hits', denominator: 'counters/lookups' },
        },
      },
      registry,
    );
    const counters = ['counters/tokens', 'counters/hits', 'counters/lookups'].map((k) => registry.id(k));
    const gauges = ['loss/a', 'loss/b', 'peak/a', 'low/a', 'weighted/a', 'weighted/b'].map((k) => registry.id(k));
    const snapshots: StepSnapshot[] = new Array(ranks);
    const growth = heapGrowthPerWindow((s) => {
      for (let r = 0; r < ranks; r++) {
        const m = metrics[r]!;
        for (let k = 0; k < counters.length; k++) m.incrementId(counters[k]!, ((s * 7 + r * 3 + k) % 50) + 1);
        for (let k = 0; k < gauges.length; k++) {
          m.observeId(gauges[k]!, (s + r + k) % 97);
          m.observeId(gauges[k]!, (s * 3 + r) % 89);
          m.observeId(gauges[k]!, 1);
        }
      }
      for (let r = 0; r < ranks; r++) snapshots[r] = metrics[r]!.drain();
      aggregator.aggregate(snapshots, s);
    });
    expect(aggregator.aggregate(snapshots, 0).length).toBe(3 * 2 + gauges.length + 1);
    expect(steadyStateAllocatesNothing(growth), `heap growth per ${WINDOW_STEPS} steps: ${growth.join(', ')}`).toBe(true);
  });

  it('StreamMixingMeter pick/drain + StreamMixingAggregator.aggregate', () => {
    const ranks = 8;
    const table = new ReaderTable();
    table.add('web', 'text', 3);
    table.add('books', 'text', 1);
    table.add('images', 'image', 2);
    table.add('speech', 'audio', 1);
    const meters = Array.from({ length: ranks }, () => new StreamMixingMeter(table));
    const aggregator = new StreamMixingAggregator(table);
    const snapshots: StreamMixingSnapshot[] = new Array(ranks);
    const growth = heapGrowthPerWindow((s) => {
      for (let r = 0; r < ranks; r++) for (let i = 0; i < 4; i++) meters[r]!.pick((s * 7 + r * 3 + i * 5) % 3, s);
      for (let r = 0; r < ranks; r++) snapshots[r] = meters[r]!.drain(s);
      aggregator.aggregate(snapshots);
    });
    expect(aggregator.aggregate(snapshots).get('stream_mixing/picks_total')).toBe(ranks * 4);
    expect(steadyStateAllocatesNothing(growth), `heap growth per ${WINDOW_STEPS} steps: ${growth.join(', ')}`).toBe(true);
  });
});
