/**
 * Bench: per-step cost of observe + drain + aggregate across 8 ranks, ours (@repro/metrics-reduce:
 * interned key ids, typed arrays, reused snapshots and results, certified compensated sums) vs a
 * straightforward implementation (plain objects, Object.entries, fresh objects every step) in the same
 * run, on the same inputs:
 *   1. stream-mixing family, K = 4 readers, 8 ranks, 4 picks per rank per step;
 *   2. a 64-key generic spec (16 counters summed with _max siblings, 16 float gauges by mean, 16 by max,
 *      16 float gauges by weighted_mean, 2 derived ratios), 8 ranks, through StepAggregator (ReducedStep)
 *      and through aggregateStepMetrics (a fresh plain record per step).
 * Both implementations are checked to agree before timing. Timings interleave the scenarios in short
 * rounds and keep each one's fastest round (the least disturbed by other load on the machine).
 *
 * Columns: "cluster step" simulates all 8 ranks in one process (8 × observe + drain, one aggregate);
 * "per-rank step" is what one rank of a real job pays each step: its own observe + drain (1/8 of the
 * simulated ones) plus the aggregate every rank runs. "floor" is a bare loop of 512 Float64Array adds
 * (64 keys × 8 ranks), to compare machines. GCs count garbage collections while each runs alone
 * (0: nothing allocated per step, or too little to trigger one). Never asserts timings.
 * The seed's budget (FR8) is 50 µs per step; the aim is well under 5 µs.
 * Run: pnpm tsx bench/metrics-reduce.ts   (BENCH_ROUNDS=… to change the number of rounds)
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
  type StepSnapshot,
  StreamMixingAggregator,
  StreamMixingMeter,
  type StreamMixingRankRecord,
  type StreamMixingSnapshot,
} from '../packages/metrics-reduce/src/index.js';

const RANKS = 8;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const STEPS_PER_ROUND = 500;
const WARMUP_STEPS = 3_000;
/** Steps run alone (after warm-up) to count garbage collections. */
const GC_STEPS = 5_000;
/** Inputs repeat with this period (steps), precomputed so that producing them costs almost nothing. */
const PERIOD = 97;

type StepFn = (step: number) => unknown;

// ---------------------------------------------------------------------------------------------------
// 1. stream-mixing, K = 4

const READERS = [
  { name: 'web', modality: 'text', target_weight: 3 },
  { name: 'books', modality: 'text', target_weight: 1 },
  { name: 'images', modality: 'image', target_weight: 2 },
  { name: 'speech', modality: 'audio', target_weight: 1 },
];
const PICKS_PER_RANK = 4;
/** PICKS[(step % PERIOD, rank, i)]: the reader rank r picks at its i-th pick of the step. */
const PICKS = Int32Array.from({ length: PERIOD * RANKS * PICKS_PER_RANK }, (_, j) => {
  const i = j % PICKS_PER_RANK;
  const rank = Math.floor(j / PICKS_PER_RANK) % RANKS;
  const step = Math.floor(j / (PICKS_PER_RANK * RANKS));
  return (step * 7 + rank * 3 + i * 5 + ((step >> 3) & 1)) % READERS.length;
});
const pickOf = (step: number, rank: number, i: number) => PICKS[((step % PERIOD) * RANKS + rank) * PICKS_PER_RANK + i]!;

function oursStreamMixing(part: 'all' | 'meters') {
  const table = new ReaderTable();
  for (const r of READERS) table.add(r.name, r.modality, r.target_weight);
  const meters = Array.from({ length: RANKS }, () => new StreamMixingMeter(table));
  const aggregator = new StreamMixingAggregator(table);
  const snapshots: StreamMixingSnapshot[] = new Array(RANKS);
  return (step: number) => {
    for (let r = 0; r < RANKS; r++) for (let i = 0; i < PICKS_PER_RANK; i++) meters[r]!.pick(pickOf(step, r, i), step);
    for (let r = 0; r < RANKS; r++) snapshots[r] = meters[r]!.drain(step);
    return part === 'all' ? aggregator.aggregate(snapshots) : snapshots;
  };
}

/** The straightforward version: objects per reader, drained into fresh records, reduced with Object.entries. */
function referenceStreamMixing() {
  const ranks = Array.from({ length: RANKS }, () => Object.fromEntries(READERS.map((r) => [r.name, { ...r, picks: 0, last_picked_step: null as number | null }])));
  return (step: number) => {
    for (let r = 0; r < RANKS; r++) {
      for (let i = 0; i < PICKS_PER_RANK; i++) {
        const reader = ranks[r]![READERS[pickOf(step, r, i)]!.name]!;
        reader.picks += 1;
        reader.last_picked_step = step;
      }
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
const KEY_COUNT = GENERIC_KEYS.length;
const IS_COUNTER = Uint8Array.from(GENERIC_KEYS, (k) => (k.counter ? 1 : 0));
/** SAMPLES[(step % PERIOD, rank, key)]: integer counts for counters, non-integer floats for gauges (like losses). */
const SAMPLES = Float64Array.from({ length: PERIOD * RANKS * KEY_COUNT }, (_, j) => {
  const k = j % KEY_COUNT;
  const rank = Math.floor(j / KEY_COUNT) % RANKS;
  const step = Math.floor(j / (KEY_COUNT * RANKS));
  const base = ((step * 31 + rank * 17 + k * 7) % 97) + 1;
  return IS_COUNTER[k] === 1 ? base : base / 7;
});
const sampleBase = (step: number, rank: number) => ((step % PERIOD) * RANKS + rank) * KEY_COUNT;

function oursGeneric(part: 'reduced-step' | 'record' | 'metrics') {
  const registry = new MetricKeyRegistry();
  const ranks = Array.from({ length: RANKS }, () => new StepMetrics(registry));
  const aggregator = new StepAggregator(GENERIC_SPEC, registry);
  const ids = Int32Array.from(GENERIC_KEYS, (k) => registry.id(k.key));
  const snapshots: StepSnapshot[] = new Array(RANKS);
  return (step: number) => {
    for (let r = 0; r < RANKS; r++) {
      const m = ranks[r]!;
      const base = sampleBase(step, r);
      for (let k = 0; k < KEY_COUNT; k++) {
        if (IS_COUNTER[k] === 1) m.incrementId(ids[k]!, SAMPLES[base + k]!);
        else m.observeId(ids[k]!, SAMPLES[base + k]!);
      }
    }
    for (let r = 0; r < RANKS; r++) snapshots[r] = ranks[r]!.drain();
    if (part === 'metrics') return snapshots;
    return part === 'reduced-step' ? aggregator.aggregate(snapshots, step) : aggregateStepMetrics(snapshots, GENERIC_SPEC, { step });
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
  const fresh = () => Array.from({ length: RANKS }, () => ({ sums: {} as Record<string, number>, counts: {} as Record<string, number>, counter: {} as Record<string, boolean> }));
  let ranks = fresh();
  return (step: number) => {
    ranks.forEach((rank, r) => {
      const base = sampleBase(step, r);
      GENERIC_KEYS.forEach(({ key, counter }, k) => {
        rank.sums[key] = (rank.sums[key] ?? 0) + SAMPLES[base + k]!;
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
// Timing

const floorA = new Float64Array(KEY_COUNT);
const floorB = new Float64Array(KEY_COUNT);
/** The machine floor: 512 Float64Array adds, the bare memory traffic of 64 keys × 8 ranks. */
function floor(step: number): void {
  for (let r = 0; r < RANKS; r++) {
    for (let k = 0; k < KEY_COUNT; k++) {
      floorA[k]! += step + r + k;
      floorB[k]! += 1;
    }
  }
}

/** Fastest round (ns/step) of each function, rounds interleaved; and the GCs seen while timing. */
async function timeInterleaved(fns: Record<string, StepFn>): Promise<{ ns: Record<string, number>; gcs: number }> {
  for (const fn of Object.values(fns)) for (let s = 0; s < WARMUP_STEPS; s++) fn(s);
  let gcs = 0;
  const observer = new PerformanceObserver((list) => {
    gcs += list.getEntries().length;
  });
  observer.observe({ entryTypes: ['gc'] });
  const ns: Record<string, number> = {};
  let step = WARMUP_STEPS;
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, fn] of Object.entries(fns)) {
      const start = process.hrtime.bigint();
      for (let s = 0; s < STEPS_PER_ROUND; s++) fn(step + s);
      const perStep = Number(process.hrtime.bigint() - start) / STEPS_PER_ROUND;
      ns[name] = Math.min(ns[name] ?? Number.POSITIVE_INFINITY, perStep);
    }
    step += STEPS_PER_ROUND;
  }
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  return { ns, gcs };
}

/** GCs during `steps` steps of one function alone (after warm-up). */
async function gcsOf(fn: StepFn, steps = GC_STEPS): Promise<number> {
  for (let s = 0; s < WARMUP_STEPS; s++) fn(s);
  let gcs = 0;
  const observer = new PerformanceObserver((list) => {
    gcs += list.getEntries().length;
  });
  observer.observe({ entryTypes: ['gc'] });
  for (let s = 0; s < steps; s++) fn(s);
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  return gcs;
}

function toRecord(value: unknown): Record<string, number> {
  const v = value as { toResult?: () => { metrics: Record<string, number> }; metrics?: Record<string, number> };
  if (typeof v.toResult === 'function') return v.toResult().metrics;
  if (v.metrics !== undefined) return v.metrics;
  return value as Record<string, number>;
}

/** Same keys in the same order, values equal to 1e-12 relative (the reference sums naively). */
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

/** Cross-check the stream-mixing hot path against the plain-record reduction too. */
function agreesWithRecords(): boolean {
  const fn = oursStreamMixing('all');
  const last = READERS.map(() => Array<number | null>(RANKS).fill(null));
  for (let step = 0; step < 50; step++) {
    const counts = Array.from({ length: RANKS }, () => READERS.map(() => 0));
    for (let r = 0; r < RANKS; r++) {
      for (let i = 0; i < PICKS_PER_RANK; i++) {
        counts[r]![pickOf(step, r, i)]! += 1;
        last[pickOf(step, r, i)]![r] = step;
      }
    }
    const hot = toRecord(fn(step));
    const plain = reduceStreamMixing(counts.map((c, r) => ({ step, readers: READERS.map((reader, i) => ({ ...reader, picks: c[i]!, last_picked_step: last[i]![r]! })) })));
    if (JSON.stringify(hot) !== JSON.stringify(plain.metrics)) return false;
  }
  return true;
}

const rows: string[][] = [];
async function compare(label: string, ours: () => StepFn, oursRanksOnly: () => StepFn, reference: () => StepFn) {
  const agreeing = agree(ours(), reference(), 200);
  const { ns } = await timeInterleaved({ floor, ours: ours(), ranks: oursRanksOnly(), reference: reference() });
  const aggregate = Math.max(0, ns.ours! - ns.ranks!);
  const perRank = ns.ranks! / RANKS + aggregate;
  const oursGcs = await gcsOf(ours());
  const referenceGcs = await gcsOf(reference());
  rows.push([
    label,
    ns.ours!.toFixed(0),
    aggregate.toFixed(0),
    perRank.toFixed(0),
    ns.reference!.toFixed(0),
    (ns.reference! / ns.ours!).toFixed(1),
    ns.floor!.toFixed(0),
    String(oursGcs),
    String(referenceGcs),
    agreeing ? 'yes' : 'NO',
  ]);
}

await compare(`stream-mixing K=4, ${RANKS} ranks`, () => oursStreamMixing('all'), () => oursStreamMixing('meters'), referenceStreamMixing);
await compare(`64-key spec, ${RANKS} ranks (StepAggregator)`, () => oursGeneric('reduced-step'), () => oursGeneric('metrics'), referenceGeneric);
await compare(`64-key spec, ${RANKS} ranks (aggregateStepMetrics → record)`, () => oursGeneric('record'), () => oursGeneric('metrics'), referenceGeneric);

const header = [
  'scenario (per step: observe + drain + aggregate)',
  'ours: cluster step ns',
  'of which aggregate ns',
  'ours: per-rank step ns',
  'reference: cluster step ns',
  'ratio (ref/ours)',
  'floor ns',
  'ours GCs',
  'ref GCs',
  'same output',
];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
process.stdout.write(`${line(header)}\n${line(widths.map((w) => '-'.repeat(w)))}\n${rows.map(line).join('\n')}\n`);
process.stdout.write(
  `\nFastest of ${ROUNDS} interleaved rounds of ${STEPS_PER_ROUND} steps after ${WARMUP_STEPS} warm-up steps. GCs: garbage collections during ${GC_STEPS} steps of each, alone.\n`,
);
process.stdout.write(`stream-mixing hot path (meter + aggregator) equals reduceStreamMixing on the same records: ${agreesWithRecords() ? 'yes' : 'NO'}\n`);
process.stdout.write('Seed budget (FR8): 50 µs = 50000 ns per step; aim: well under 5000 ns. Never asserted: timings depend on the machine.\n');
