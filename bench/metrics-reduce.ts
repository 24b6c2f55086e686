/**
 * Bench: per-step cost of observe + drain + aggregate across 8 ranks, ours (@repro/metrics-reduce:
 * interned key ids, typed arrays, reused snapshots and results) vs a straightforward implementation
 * (plain objects, Object.entries, fresh objects every step) in the same run, on the same inputs:
 *   1. stream-mixing family, K = 4 readers, 8 ranks, 4 picks per rank per step;
 *   2. a 64-key generic spec (sum + _max, mean, max, weighted_mean, patterns, 2 derived ratios), 8 ranks.
 * Both implementations are checked to agree before timing. Also counts GC runs during the timed loop
 * (0 = nothing allocated per step, or too little to trigger a scavenge). Never asserts timings.
 * The seed's budget is 50 µs per step. Run: pnpm tsx bench/metrics-reduce.ts
 */
import { PerformanceObserver } from 'node:perf_hooks';
import {
  aggregateStepMetrics,
  MetricKeyRegistry,
  ReaderTable,
  type ReductionSpec,
  reduceStreamMixing,
  StepAggregator,
  StepMetrics,
  StreamMixingAggregator,
  StreamMixingMeter,
  type StreamMixingRankRecord,
} from '../packages/metrics-reduce/src/index.js';

const RANKS = 8;
const STEPS = Number(process.env.BENCH_STEPS ?? 20_000);
const WARMUP = 2_000;

// ---------------------------------------------------------------------------------------------------
// 1. stream-mixing, K = 4

const READERS = [
  { name: 'web', modality: 'text', target_weight: 3 },
  { name: 'books', modality: 'text', target_weight: 1 },
  { name: 'images', modality: 'image', target_weight: 2 },
  { name: 'speech', modality: 'audio', target_weight: 1 },
];
/** Deterministic pick pattern: which reader rank r picks at its i-th pick of step s. */
const pickOf = (step: number, rank: number, i: number) => (step * 7 + rank * 3 + i * 5 + ((step >> 3) & 1)) % READERS.length;
const PICKS_PER_RANK = 4;

function oursStreamMixing() {
  const table = new ReaderTable();
  for (const r of READERS) table.add(r.name, r.modality, r.target_weight);
  const meters = Array.from({ length: RANKS }, () => new StreamMixingMeter(table));
  const aggregator = new StreamMixingAggregator(table);
  const snapshots = new Array(RANKS);
  return (step: number) => {
    for (let r = 0; r < RANKS; r++) for (let i = 0; i < PICKS_PER_RANK; i++) meters[r]!.pick(pickOf(step, r, i), step);
    for (let r = 0; r < RANKS; r++) snapshots[r] = meters[r]!.drain(step);
    return aggregator.aggregate(snapshots);
  };
}

/** The straightforward version: objects per reader, drained into fresh records, reduced with Object.entries. */
function referenceStreamMixing() {
  const ranks = Array.from({ length: RANKS }, () => Object.fromEntries(READERS.map((r) => [r.name, { ...r, picks: 0, last_picked_step: null as number | null }])));
  return (step: number) => {
    for (let r = 0; r < RANKS; r++) for (let i = 0; i < PICKS_PER_RANK; i++) {
      const reader = ranks[r]![READERS[pickOf(step, r, i)]!.name]!;
      reader.picks += 1;
      reader.last_picked_step = step;
    }
    const records: StreamMixingRankRecord[] = ranks.map((readers) => ({
      step,
      readers: Object.values(readers).map((reader) => {
        const copy = { ...reader };
        reader.picks = 0;
        return copy;
      }),
    }));
    const totals: Record<string, { modality: string; weight: number; picks: number }> = {};
    let maxStaleness = Number.NEGATIVE_INFINITY;
    for (const record of records) {
      for (const reader of record.readers) {
        totals[reader.name] ??= { modality: reader.modality, weight: reader.target_weight, picks: 0 };
        const t = totals[reader.name]!;
        t.picks += reader.picks;
        maxStaleness = Math.max(maxStaleness, reader.last_picked_step === null ? step + 1 : step - reader.last_picked_step);
      }
    }
    const byModality: Record<string, { picks: number; weight: number }> = {};
    let picksTotal = 0;
    let weightTotal = 0;
    let active = 0;
    for (const [, t] of Object.entries(totals)) {
      byModality[t.modality] ??= { picks: 0, weight: 0 };
      const m = byModality[t.modality]!;
      m.picks += t.picks;
      m.weight += t.weight;
      picksTotal += t.picks;
      weightTotal += t.weight;
      if (t.picks > 0) active++;
    }
    const out: Record<string, number> = {
      'stream_mixing/picks_total': picksTotal,
      'stream_mixing/max_staleness': maxStaleness,
      'stream_mixing/active_readers': active,
      'stream_mixing/starved_readers': Object.keys(totals).length - active,
    };
    if (picksTotal > 0) {
      let l1 = 0;
      let entropy = 0;
      for (const [modality, m] of Object.entries(byModality)) {
        const f = m.picks / picksTotal;
        out[`stream_mixing/realized_frac/${modality}`] = f;
        if (f > 0) entropy -= f * Math.log(f);
        l1 += Math.abs(f - m.weight / weightTotal);
      }
      out['stream_mixing/target_l1'] = l1;
      out['stream_mixing/entropy'] = entropy;
    }
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
  };
}

// ---------------------------------------------------------------------------------------------------
// 2. a 64-key generic spec

const GENERIC_SPEC: ReductionSpec = {
  missing: 'error',
  non_finite: 'propagate',
  keys: {
    'counters/*': { op: 'sum', max_sibling: true },
    'peaks/*': { op: 'max' },
    'weighted/*': { op: 'weighted_mean', weight: 'counters/tokens' },
    'ratio/hit': { derive: 'ratio', numerator: 'counters/hits', denominator: 'counters/lookups' },
    'ratio/false_eviction': { derive: 'ratio', numerator: 'counters/false_evictions', denominator: 'counters/evictions' },
  },
};
const GENERIC_KEYS: { key: string; counter: boolean }[] = [
  ...['tokens', 'hits', 'lookups', 'evictions', 'false_evictions'].map((k) => ({ key: `counters/${k}`, counter: true })),
  ...Array.from({ length: 11 }, (_, i) => ({ key: `counters/c${i}`, counter: true })),
  ...Array.from({ length: 16 }, (_, i) => ({ key: `loss/l${i}`, counter: false })),
  ...Array.from({ length: 16 }, (_, i) => ({ key: `peaks/p${i}`, counter: false })),
  ...Array.from({ length: 16 }, (_, i) => ({ key: `weighted/w${i}`, counter: false })),
];
const sampleOf = (step: number, rank: number, k: number) => ((step * 31 + rank * 17 + k * 7) % 97) + 1;

function oursGeneric(output: 'reduced-step' | 'record') {
  const registry = new MetricKeyRegistry();
  const ranks = Array.from({ length: RANKS }, () => new StepMetrics(registry));
  const aggregator = new StepAggregator(GENERIC_SPEC, registry);
  const ids = GENERIC_KEYS.map((k) => registry.id(k.key));
  const snapshots = new Array(RANKS);
  return (step: number) => {
    for (let r = 0; r < RANKS; r++) {
      const m = ranks[r]!;
      for (let k = 0; k < GENERIC_KEYS.length; k++) {
        if (GENERIC_KEYS[k]!.counter) m.incrementId(ids[k]!, sampleOf(step, r, k));
        else m.observeId(ids[k]!, sampleOf(step, r, k));
      }
    }
    for (let r = 0; r < RANKS; r++) snapshots[r] = ranks[r]!.drain();
    return output === 'reduced-step' ? aggregator.aggregate(snapshots, step) : aggregateStepMetrics(snapshots, GENERIC_SPEC, { step });
  };
}

/** The straightforward version: a Record per rank, drained into a fresh object, reduced with Object.entries. */
function referenceGeneric() {
  const patterns = Object.entries(GENERIC_SPEC.keys!).map(([p, rule]) => ({ regex: new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`), rule }));
  const ruleCache = new Map<string, { op?: string; weight?: string; max_sibling?: boolean }>();
  const ruleOf = (key: string) => {
    let rule = ruleCache.get(key);
    if (!rule) {
      rule = (patterns.find((p) => p.regex.test(key))?.rule ?? { op: 'mean' }) as { op?: string; weight?: string; max_sibling?: boolean };
      ruleCache.set(key, rule);
    }
    return rule;
  };
  let ranks: { sums: Record<string, number>; counts: Record<string, number>; counter: Record<string, boolean> }[] = [];
  const fresh = () => Array.from({ length: RANKS }, () => ({ sums: {}, counts: {}, counter: {} }));
  ranks = fresh();
  return (step: number) => {
    ranks.forEach((rank, r) => {
      GENERIC_KEYS.forEach(({ key, counter }, k) => {
        rank.sums[key] = (rank.sums[key] ?? 0) + sampleOf(step, r, k);
        rank.counts[key] = (rank.counts[key] ?? 0) + 1;
        rank.counter[key] = counter;
      });
    });
    const snapshots = ranks.map((rank) => Object.fromEntries(Object.entries(rank.sums).map(([k, s]) => [k, rank.counter[k] ? s : s / rank.counts[k]!])));
    ranks = fresh();
    const keys = [...new Set(snapshots.flatMap((s) => Object.keys(s)))];
    const out: Record<string, number> = {};
    for (const key of keys) {
      const rule = ruleOf(key);
      const values = snapshots.map((s, r) => {
        const v = s[key];
        if (v === undefined) throw new Error(`rank ${r} lacks ${key}`);
        return v;
      });
      if (rule.op === 'sum') out[key] = values.reduce((a, b) => a + b, 0);
      else if (rule.op === 'max') out[key] = Math.max(...values);
      else if (rule.op === 'weighted_mean') {
        const weights = snapshots.map((s) => s[rule.weight!]!);
        out[key] = values.reduce((a, v, i) => a + v * weights[i]!, 0) / weights.reduce((a, b) => a + b, 0);
      } else out[key] = values.reduce((a, b) => a + b, 0) / values.length;
      if (rule.max_sibling) out[`${key}_max`] = Math.max(...values);
    }
    for (const [key, rule] of Object.entries(GENERIC_SPEC.keys!)) {
      if ('derive' in rule && out[rule.denominator] !== 0) out[key] = out[rule.numerator]! / out[rule.denominator]!;
    }
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
  };
}

// ---------------------------------------------------------------------------------------------------

type StepFn = (step: number) => unknown;

async function time(fn: StepFn): Promise<{ nsPerStep: number; gcs: number }> {
  for (let s = 0; s < WARMUP; s++) fn(s);
  let gcs = 0;
  const observer = new PerformanceObserver((list) => {
    gcs += list.getEntries().length;
  });
  observer.observe({ entryTypes: ['gc'] });
  const start = process.hrtime.bigint();
  for (let s = WARMUP; s < WARMUP + STEPS; s++) fn(s);
  const elapsed = Number(process.hrtime.bigint() - start);
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  return { nsPerStep: elapsed / STEPS, gcs };
}

function toRecord(value: unknown): Record<string, number> {
  const v = value as { toResult?: () => { metrics: Record<string, number> }; metrics?: Record<string, number> };
  if (typeof v.toResult === 'function') return v.toResult().metrics;
  if (v.metrics !== undefined) return v.metrics;
  return value as Record<string, number>;
}

function agree(a: StepFn, b: StepFn, steps: number): boolean {
  for (let s = 0; s < steps; s++) {
    const x = toRecord(a(s));
    const y = toRecord(b(s));
    const keys = Object.keys(y);
    if (Object.keys(x).join() !== keys.join()) return false;
    for (const k of keys) if (Math.abs(x[k]! - y[k]!) > 1e-12 * Math.max(1, Math.abs(y[k]!))) return false;
  }
  return true;
}

/** Cross-check the hot path against the plain-record reduction too. */
function agreesWithRecords(): boolean {
  const fn = oursStreamMixing();
  const last = READERS.map(() => Array<number | null>(RANKS).fill(null));
  for (let step = 0; step < 50; step++) {
    const counts = Array.from({ length: RANKS }, () => READERS.map(() => 0));
    for (let r = 0; r < RANKS; r++) for (let i = 0; i < PICKS_PER_RANK; i++) {
      counts[r]![pickOf(step, r, i)]! += 1;
      last[pickOf(step, r, i)]![r] = step;
    }
    const hot = toRecord(fn(step));
    const plain = reduceStreamMixing(counts.map((c, r) => ({ step, readers: READERS.map((reader, i) => ({ ...reader, picks: c[i]!, last_picked_step: last[i]![r]! })) })));
    if (JSON.stringify(hot) !== JSON.stringify(plain.metrics)) return false;
  }
  return true;
}

const rows: string[][] = [];
async function compare(label: string, ours: () => StepFn, reference: () => StepFn) {
  const agreeing = agree(ours(), reference(), 200);
  const o = await time(ours());
  const r = await time(reference());
  rows.push([label, o.nsPerStep.toFixed(0), r.nsPerStep.toFixed(0), (r.nsPerStep / o.nsPerStep).toFixed(1), String(o.gcs), String(r.gcs), agreeing ? 'yes' : 'NO']);
}

await compare(`stream-mixing K=4, ${RANKS} ranks`, oursStreamMixing, referenceStreamMixing);
await compare(`64-key spec, ${RANKS} ranks (ReducedStep)`, () => oursGeneric('reduced-step'), referenceGeneric);
await compare(`64-key spec, ${RANKS} ranks (aggregateStepMetrics → record)`, () => oursGeneric('record'), referenceGeneric);

const header = ['scenario (per step: observe + drain + aggregate)', 'ours ns/step', 'reference ns/step', 'ratio (ref/ours)', 'ours GCs', 'ref GCs', 'same output'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
process.stdout.write(`${line(header)}\n${line(widths.map((w) => '-'.repeat(w)))}\n${rows.map(line).join('\n')}\n`);
process.stdout.write(`\n${STEPS} timed steps after ${WARMUP} warm-up steps; GCs = garbage collections observed during the timed loop.\n`);
process.stdout.write(`stream-mixing hot path (meter + aggregator) equals reduceStreamMixing on the same records: ${agreesWithRecords() ? 'yes' : 'NO'}\n`);
process.stdout.write('Seed budget (FR8): 50 µs = 50000 ns per step. Never asserted: timings depend on the machine.\n');
