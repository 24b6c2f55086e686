/**
 * Bench: start-up of the built `repro` CLI beside bare `node -e 0`, in the same run, interleaved:
 * `repro --version`, `repro --help`, `repro sf lint` on a 40-state machine and `repro verdict decide` on
 * a small observation. Prints the median wall time of each over several runs and its ratio to bare node
 * (targets: --version / --help ≤ 2×, sf lint ≤ 3×). Never asserts timings.
 * Run: pnpm turbo run build --filter @repro/cli... && pnpm tsx bench/cli-startup.ts [runs]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../apps/cli/bin/repro.cjs', import.meta.url));
const dist = fileURLToPath(new URL('../apps/cli/dist/main.cjs', import.meta.url));
if (!existsSync(dist)) {
  process.stderr.write('bench/cli-startup: apps/cli/dist is missing: run `pnpm turbo run build --filter @repro/cli...` first\n');
  process.exit(1);
}
const runs = Number.parseInt(process.argv[2] ?? '11', 10);

/** A 40-state machine: Task (Retry + Catch) chains, a Choice polling loop, a failure handler. */
function fortyStates(): Record<string, unknown> {
  const states: Record<string, unknown> = {};
  for (let i = 0; i < 36; i++) {
    states[`Step${i}`] = {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: `step-${i}`, 'Payload.$': '$' },
      ResultPath: `$.r${i}`,
      Retry: [{ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 2, IntervalSeconds: 1, BackoffRate: 2 }],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'HandleFailure' }],
      Next: i === 35 ? 'IsDone' : `Step${i + 1}`,
    };
  }
  states.IsDone = { Type: 'Choice', Choices: [{ Variable: '$.done', BooleanEquals: true, Next: 'Done' }], Default: 'WaitABit' };
  states.WaitABit = { Type: 'Wait', Seconds: 5, Next: 'IsDone' };
  states.HandleFailure = { Type: 'Fail', Error: 'PipelineFailed', Cause: 'a step failed' };
  states.Done = { Type: 'Succeed' };
  return { Comment: '40 states', StartAt: 'Step0', States: states };
}

const observation = {
  cell: 'defi_top5/fold-3',
  metric: 'f1_buy',
  eps_num: 1e-9,
  replay_a: { value: 0.61, fingerprint: { build_sha: 'abc', instance_type: 'm5.large', os: 'linux', lib_versions: { numpy: '1.26' } } },
  replay_b: { value: 0.61 },
  canonical: { run_id: 'r1', value: 0.6101, provenance: { build_sha: 'abc', instance_type: 'm5.large', os: 'linux', lib_versions: { numpy: '1.26' } } },
  eps_prod: { value: 0.002, image_sha: 'sha256:prod' },
};

const dir = mkdtempSync(join(tmpdir(), 'repro-cli-startup-'));
const machine = join(dir, 'machine.asl.json');
const observationFile = join(dir, 'observation.json');
writeFileSync(machine, JSON.stringify(fortyStates()));
writeFileSync(observationFile, JSON.stringify(observation));

interface Case {
  readonly name: string;
  readonly args: readonly string[];
  readonly target?: number;
  readonly exitCode: number;
}
const cases: Case[] = [
  { name: 'repro --version', args: [bin, '--version'], target: 2, exitCode: 0 },
  { name: 'repro --help', args: [bin, '--help'], target: 2, exitCode: 0 },
  { name: 'repro sf lint (40 states)', args: [bin, 'sf', 'lint', machine], target: 3, exitCode: 0 },
  { name: 'repro verdict decide', args: [bin, 'verdict', 'decide', '--input', observationFile], exitCode: 0 },
];

function time(args: readonly string[], expected: number): number {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== expected) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr.toString()}`);
  return ms;
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

// warm-up: fills the OS file cache and Node's compile cache (the bin enables it), as any second start would
for (const c of cases) time(c.args, c.exitCode);
time(['-e', '0'], 0);

const samples = new Map<string, { node: number[]; repro: number[] }>(cases.map((c) => [c.name, { node: [], repro: [] }]));
for (let i = 0; i < runs; i++) {
  for (const c of cases) {
    const s = samples.get(c.name)!;
    s.node.push(time(['-e', '0'], 0));
    s.repro.push(time(c.args, c.exitCode));
  }
}
rmSync(dir, { recursive: true, force: true });

const rows = cases.map((c) => {
  const s = samples.get(c.name)!;
  const node = median(s.node);
  const repro = median(s.repro);
  const ratio = repro / node;
  const target = c.target === undefined ? '—' : `≤ ${c.target}× ${ratio <= c.target ? 'met' : 'MISSED'}`;
  return [c.name, `${repro.toFixed(1)} ms`, `${node.toFixed(1)} ms`, `${ratio.toFixed(2)}×`, target];
});
const header = ['command', 'repro (median)', 'node -e 0 (median)', 'ratio', 'target'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: readonly string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
process.stdout.write(`CLI start-up, ${runs} runs each, interleaved with bare node (Node ${process.version})\n`);
process.stdout.write(`${[line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')}\n`);
