/**
 * Bench: verdict-core throughput, printed as a table (never asserts timings).
 *   - decideVerdict: the frozen rule alone, cycling over the 72 input combinations;
 *   - assessObservation: probes + rule + Verdict artefact + events, on pre-parsed observations;
 *   - parse + assess: the same with zod validation of the raw observation (what `verdict decide` does);
 *   - normalToleranceFactor: exact k over a grid of (n, p, γ), beside scipy.stats.nct.ppf on the same
 *     grid in the same run (python3 + scipy; skipped with a note when missing), with the ratio.
 * Run: pnpm tsx bench/verdict-core.ts
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import {
  assessObservation,
  decideVerdict,
  type ObservationInput,
  observationSchema,
  normalToleranceFactor,
} from '../packages/verdict-core/src/index.js';

function rate(iterations: number, run: (i: number) => void): { perSecond: number; microseconds: number } {
  for (let i = 0; i < Math.min(iterations, 2000); i += 1) run(i); // warm-up
  const start = performance.now();
  for (let i = 0; i < iterations; i += 1) run(i);
  const ms = performance.now() - start;
  return { perSecond: (iterations / ms) * 1000, microseconds: (ms * 1000) / iterations };
}

const H1 = ['PASS', 'FAIL', 'ERROR'] as const;
const P0 = ['equal', 'differs', 'unverifiable'] as const;
const combos = H1.flatMap((status) =>
  P0.flatMap((state) => [true, false].flatMap((within) => [true, false].flatMap((c) => [true, false].map((e) => ({ status, state, within, c, e }))))),
);

const PROVENANCE = { build_sha: 'abc', instance_type: 'm5.large', os: 'linux', lib_versions: { numpy: '1.26', lightgbm: '4.3' } };
const raw: ObservationInput[] = Array.from({ length: 64 }, (_, i) => ({
  cell: `cell/${i}`,
  metric: 'f1_buy',
  replay_a: { value: 0.61 + (i % 3) * 1e-3, fingerprint: { ...PROVENANCE, observed_knobs: { OMP_NUM_THREADS: '1' } } },
  replay_b: { value: 0.61 + (i % 5) * 1e-3 },
  canonical: i % 7 === 0 ? null : { run_id: `r${i}`, value: 0.6101, provenance: PROVENANCE },
  eps_prod: { value: 0.002, image_sha: 'sha256:prod' },
}));
const parsed = raw.map((o) => observationSchema.parse(o));
const decidedAt = '2026-11-23T10:00:00Z';

const rows: [string, string, string, string][] = [];
let sink = 0;
const decide = rate(2_000_000, (i) => {
  const c = combos[i % combos.length]!;
  const d = decideVerdict({ status: c.status, detCause: c.status === 'FAIL' ? 'real_instability' : null }, { state: c.state }, { within: c.within }, c.c, c.e);
  sink += d.verdict.length;
});
rows.push(['decideVerdict', decide.perSecond.toFixed(0), decide.microseconds.toFixed(3), '']);
const assess = rate(200_000, (i) => {
  sink += assessObservation(parsed[i % parsed.length]!, { decidedAt }).events.length;
});
rows.push(['assessObservation', assess.perSecond.toFixed(0), assess.microseconds.toFixed(3), '']);
const parseAssess = rate(100_000, (i) => {
  sink += assessObservation(observationSchema.parse(raw[i % raw.length]!), { decidedAt }).events.length;
});
rows.push(['parse + assessObservation', parseAssess.perSecond.toFixed(0), parseAssess.microseconds.toFixed(3), '']);

const grid: [number, number, number][] = [];
for (const n of [2, 5, 10, 30, 100, 1000]) for (const p of [0.8, 0.95, 0.999]) for (const g of [0.8, 0.95, 0.999]) grid.push([n, p, g]);
const kRate = rate(grid.length * 20, (i) => {
  const [n, p, g] = grid[i % grid.length]!;
  sink += normalToleranceFactor(n, p, g);
});

const SCIPY = `
import json, sys, time
import numpy as np
from scipy import stats
grid = json.load(sys.stdin)
reps = 20
for n, p, g in grid: stats.nct.ppf(g, n - 1, stats.norm.ppf(p) * np.sqrt(n))
t = time.perf_counter()
for _ in range(reps):
    for n, p, g in grid: stats.nct.ppf(g, n - 1, stats.norm.ppf(p) * np.sqrt(n)) / np.sqrt(n)
print(json.dumps((time.perf_counter() - t) / (reps * len(grid))))
`;
const python = process.env.REPRO_PYTHON ?? 'python3';
const scipy = spawnSync(python, ['-c', SCIPY], { input: JSON.stringify(grid), encoding: 'utf8' });
let scipyNote = 'scipy not available';
if (scipy.status === 0) {
  const scipySeconds = JSON.parse(scipy.stdout) as number;
  rows.push(['k-factor, scipy.stats.nct.ppf', (1 / scipySeconds).toFixed(0), (scipySeconds * 1e6).toFixed(3), '1.00']);
  scipyNote = `${((1 / scipySeconds) / kRate.perSecond).toFixed(2)}× scipy's time per k`;
  rows.push(['k-factor, normalToleranceFactor (ours)', kRate.perSecond.toFixed(0), kRate.microseconds.toFixed(3), ((kRate.perSecond * scipySeconds)).toFixed(2)]);
} else {
  rows.push(['k-factor, normalToleranceFactor (ours)', kRate.perSecond.toFixed(0), kRate.microseconds.toFixed(3), '']);
}

const header = ['operation', 'ops/s', 'µs/op', 'speed vs scipy'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
process.stdout.write(`verdict-core bench (k-factor grid: ${grid.length} points; ours takes ${scipyNote})\n`);
process.stdout.write(`${line(header)}\n${line(widths.map((w) => '-'.repeat(w)))}\n${rows.map(line).join('\n')}\n`);
if (sink === Number.NEGATIVE_INFINITY) process.stdout.write('');
