/**
 * Bench: @repro/replay-runner against the reference, in the same run.
 * 1. Runner overhead: `runReplay` (hermetic env, per-replay folder, own process group, zod validation,
 *    pin check, group reaping) vs a bare `child_process.spawn` of the same trivial Python child with the
 *    same env, waited on, its result file read and parsed.
 * 2. A∥B vs sequential: `runReplayPair` over two CPU-bound children of about 2 s each (§8bis: parallel
 *    halves wall time at about 2× CPU).
 * Prints a table with ratios. Never asserts timings.
 * Run: pnpm tsx bench/replay-runner.ts [--runs 20]
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildHermeticEnv,
  DEFAULT_KNOB_NAMES,
  PROTOCOL_ENV,
  pythonHelperDir,
  requestedKnobs,
  runReplay,
  runReplayPair,
} from '../packages/replay-runner/src/index.js';

const fixture = (name: string) => fileURLToPath(new URL(`../packages/replay-runner/test/fixtures/${name}`, import.meta.url));
const runsFlag = process.argv.indexOf('--runs');
const runs = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 20;
const python = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
const out = (line: string) => process.stdout.write(`${line}\n`);

function bareSpawn(command: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, command.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.resume();
    child.stderr.resume();
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}`))));
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

// 1. overhead over a trivial child
const trivial = [python, fixture('trivial.py')];
const dir = mkdtempSync(join(tmpdir(), 'bench-replay-'));
const directEnv = buildHermeticEnv({
  parentEnv: process.env,
  knobs: requestedKnobs(),
  // The same env the runner builds, so the child does the same work (it reports the same knobs).
  protocol: { [PROTOCOL_ENV.resultFile]: join(dir, 'result.json'), [PROTOCOL_ENV.knobNames]: DEFAULT_KNOB_NAMES.join(',') },
  pythonPath: [pythonHelperDir()],
});
const direct: number[] = [];
const runner: number[] = [];
await bareSpawn(trivial, directEnv); // warm the page cache for both
for (let i = 0; i < runs; i += 1) {
  // interleaved, so drift on a shared machine hits both sides alike
  direct.push(
    await timeIt(async () => {
      await bareSpawn(trivial, directEnv);
      JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8'));
    }),
  );
  runner.push(
    await timeIt(async () => {
      const outcome = await runReplay({ command: trivial });
      if (!outcome.ok) throw new Error(outcome.error.message);
    }),
  );
}
rmSync(dir, { recursive: true, force: true });

// 2. parallel vs sequential, two ~2 s CPU-bound children
const busy = { command: [python, fixture('busy_two_seconds.py')] };
const sequential = await timeIt(() => runReplayPair(busy, { mode: 'sequential' }));
const parallel = await timeIt(() => runReplayPair(busy, { mode: 'parallel' }));

const rows: string[][] = [
  ['case', 'reference', 'ours', 'ratio ours/ref'],
  [
    `trivial child, median of ${runs}`,
    `bare spawn ${median(direct).toFixed(1)} ms`,
    `runReplay ${median(runner).toFixed(1)} ms`,
    (median(runner) / median(direct)).toFixed(2),
  ],
  [
    'trivial child, overhead per replay',
    '',
    `${(median(runner) - median(direct)).toFixed(1)} ms`,
    '',
  ],
  ['two 2 s CPU-bound replays', `sequential ${(sequential / 1000).toFixed(2)} s`, `parallel ${(parallel / 1000).toFixed(2)} s`, (parallel / sequential).toFixed(2)],
];
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const [i, row] of rows.entries()) {
  out(row.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));
  if (i === 0) out(widths.map((w) => '-'.repeat(w)).join('  '));
}
out(`\n(${process.platform}, ${(await import('node:os')).cpus().length} logical CPUs; parallel ≈ 0.5 of sequential needs 2 free cores)`);
