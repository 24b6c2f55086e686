/**
 * Bench: lint of generated 2,000-, 10,000- and 20,000-state machines and of a corpus of realistic
 * definitions, ours (@repro/sf-topology validate + isolation lint) vs asl-validator (npm) on the same
 * inputs, in the same run. Prints time per lint, the ratio, our time per state (linearity), the rule
 * codes each reports, and then whole-process `repro sf lint FILE` vs asl-validator's own CLI on the same
 * small file. Never asserts timings.
 * Run: pnpm tsx bench/sf-topology.ts   (build the CLI first for the whole-process table: pnpm turbo run build --filter @repro/cli...)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { lint, parallelize } from '../packages/sf-topology/src/index.js';

// biome-ignore lint/suspicious/noExplicitAny: definitions are free-form JSON here
type Json = Record<string, any>;
type AslValidator = (definition: unknown, options?: unknown) => { isValid: boolean; errors: { 'Error code': string; Message: string }[] };

// asl-validator is a devDependency of the sf-topology package only (not of the root).
const requireFromPackage = createRequire(fileURLToPath(new URL('../packages/sf-topology/package.json', import.meta.url)));
const aslValidator = requireFromPackage('asl-validator') as AslValidator;

const fixture = JSON.parse(readFileSync(new URL('../packages/sf-topology/test/fixtures/saturday-pipeline.asl.json', import.meta.url), 'utf8')) as Json;

/** A machine of `n` states: Task (Retry + Catch) → Choice → Wait polling loops, a Parallel and a Map every 50 states. */
function generated(n: number): Json {
  const states: Json = {};
  let i = 0;
  const name = (k: number) => `S${k}`;
  while (i < n - 2) {
    const k = i;
    if (k % 50 === 10 && i + 1 < n - 2) {
      states[name(k)] = {
        Type: 'Parallel',
        Next: name(k + 1),
        ResultPath: `$.p${k}`,
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'HandleFailure' }],
        Branches: [0, 1].map((b) => ({
          StartAt: `P${k}_${b}_0`,
          States: {
            [`P${k}_${b}_0`]: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { 'FunctionName': 'f', 'Payload.$': '$' }, ResultPath: `$.r${b}`, Next: `P${k}_${b}_1` },
            [`P${k}_${b}_1`]: { Type: 'Pass', End: true },
          },
        })),
      };
      i += 1;
    } else if (k % 50 === 30) {
      states[name(k)] = {
        Type: 'Map',
        ItemsPath: '$.items',
        ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: `M${k}`, States: { [`M${k}`]: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } } },
        ResultPath: `$.m${k}`,
        Next: name(k + 1),
      };
      i += 1;
    } else if (k % 4 === 0 && i + 3 < n - 2) {
      states[name(k)] = {
        Type: 'Task',
        Resource: 'arn:aws:states:::aws-sdk:ssm:getCommandInvocation',
        Parameters: { 'CommandId.$': '$.cmd', 'InstanceId.$': '$.instance' },
        ResultSelector: { 'Status.$': '$.Status' },
        ResultPath: `$.s${k}`,
        Retry: [{ ErrorEquals: ['Ssm.InvocationDoesNotExistException'], IntervalSeconds: 5, MaxAttempts: 3 }],
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'HandleFailure' }],
        Next: name(k + 1),
      };
      states[name(k + 1)] = {
        Type: 'Choice',
        Choices: [{ And: [{ Variable: `$.s${k}.Status`, IsPresent: true }, { Variable: `$.s${k}.Status`, StringEquals: 'Success' }], Next: name(k + 3) }],
        Default: name(k + 2),
      };
      states[name(k + 2)] = { Type: 'Wait', Seconds: 30, Next: name(k) };
      i += 3;
    } else {
      states[name(k)] = { Type: 'Pass', Result: { step: k }, ResultPath: `$.pass${k}`, Next: name(k + 1) };
      i += 1;
    }
  }
  states[name(i)] = { Type: 'Succeed' };
  states.HandleFailure = { Type: 'Fail', Error: 'Failed' };
  return { Comment: `generated ${Object.keys(states).length} top-level states`, StartAt: 'S0', States: states };
}

function countStates(def: Json): number {
  let n = 0;
  const visit = (states: Json) => {
    for (const s of Object.values(states ?? {}) as Json[]) {
      n++;
      for (const b of s.Branches ?? []) visit(b.States);
      if (s.ItemProcessor) visit(s.ItemProcessor.States);
      if (s.Iterator) visit(s.Iterator.States);
    }
  };
  visit(def.States);
  return n;
}

const seedSplit = {
  chain: [
    ...'CheckSkipResearch,Research,CheckResearchStatus,ExtractResearchError,CheckSkipDataPhase2,DataPhase2,CheckSkipEvalJudge,ComputeEvalCadence,CheckMonthlyCadence,EvalJudgeSubmitFirstSaturday,EvalJudgeSubmitWeekly,EvalJudgePollChoice,EvalJudgePollWait,EvalJudgePoll,EvalJudgePollDecision,EvalJudgeProcess,EvalRollingMean,CheckSkipRationaleClustering,RationaleClustering,CheckSkipReplayConcordance,ReplayConcordance,CheckSkipCounterfactual,Counterfactual'.split(','),
    ...'CheckSkipPredictorTraining,PredictorTraining,WaitForPredictorTraining,CheckPredictorStatus,PredictorWait,ExtractPredictorError'.split(','),
  ],
};
const A = seedSplit.chain.slice(0, 23);
const B = seedSplit.chain.slice(23);
const parallelized = parallelize(fixture, { chain: seedSplit.chain, branches: { A, B }, name: 'ResearchPredictorParallel', failureHandler: 'HandleFailure' }).definition as Json;

/** A JSONata machine of the same shape (variables and $merge instead of ResultPath), and its parallelized form. */
const jsonataMachine: Json = {
  QueryLanguage: 'JSONata',
  StartAt: 'Research',
  States: {
    Research: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { FunctionName: 'research', Payload: '{% $states.input %}' }, Assign: { research: '{% $states.result.Payload %}' }, Output: '{% $states.input %}', Retry: [{ ErrorEquals: ['Lambda.ServiceException'], MaxAttempts: 3 }], Catch: [{ ErrorEquals: ['States.ALL'], Next: 'HandleFailure' }], Next: 'CheckResearch' },
    CheckResearch: { Type: 'Choice', Choices: [{ Condition: "{% $research.status = 'FAILED' %}", Next: 'HandleFailure' }], Default: 'CheckSkipTraining' },
    CheckSkipTraining: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.skip_training = true %}', Next: 'Backtest' }], Default: 'Train' },
    Train: { Type: 'Task', Resource: 'arn:aws:states:::ssm:sendCommand', Arguments: { InstanceIds: ['{% $states.input.ec2_instance_id %}'] }, Output: "{% $merge([$states.input, {'train': $states.result}]) %}", Next: 'Wait' },
    Wait: { Type: 'Wait', Seconds: 60, Next: 'Poll' },
    Poll: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:ssm:getCommandInvocation', Arguments: { CommandId: '{% $states.input.train.Command.CommandId %}' }, Assign: { poll: '{% $states.result.Status %}' }, Output: '{% $states.input %}', Next: 'Done?' },
    'Done?': { Type: 'Choice', Choices: [{ Condition: "{% $poll = 'Success' %}", Next: 'Backtest' }, { Condition: "{% $poll = 'Failed' %}", Next: 'HandleFailure' }], Default: 'Wait' },
    Backtest: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { FunctionName: 'backtest' }, Output: '{% $states.input %}', Next: 'Succeeded' },
    Succeeded: { Type: 'Succeed' },
    HandleFailure: { Type: 'Fail', Error: 'PipelineFailed', Cause: '{% $string($states.input) %}' },
  },
};
const jsonataParallelized = parallelize(jsonataMachine, {
  chain: ['Research', 'CheckResearch', 'CheckSkipTraining', 'Train', 'Wait', 'Poll', 'Done?'],
  branches: { A: ['Research', 'CheckResearch'], B: ['CheckSkipTraining', 'Train', 'Wait', 'Poll', 'Done?'] },
  failureHandler: 'HandleFailure',
}).definition as Json;

function mutate(base: Json, change: (def: Json) => void): Json {
  const copy = structuredClone(base);
  change(copy);
  return copy;
}

const corpus: [string, Json][] = [
  ['generated 2,000 states', generated(2000)],
  ['generated 10,000 states', generated(10000)],
  ['generated 20,000 states', generated(20000)],
  ['seed Saturday pipeline', fixture],
  ['seed, parallelized', parallelized],
  ['JSONata machine', jsonataMachine],
  ['JSONata, parallelized', jsonataParallelized],
  [
    'naive Parallel (no isolation)',
    mutate(parallelized, (d) => {
      for (const b of d.States.ResearchPredictorParallel.Branches) for (const s of Object.values(b.States) as Json[]) if (s.Catch) s.Catch = s.Catch.slice(0, -1);
    }),
  ],
  ['defect: dangling Next', mutate(fixture, (d) => { d.States.Parity.Next = 'Evaluatr'; })],
  ['defect: orphan cycle', mutate(fixture, (d) => { d.States.OrphanA = { Type: 'Pass', Next: 'OrphanB' }; d.States.OrphanB = { Type: 'Pass', Next: 'OrphanA' }; })],
  ['defect: branch escape', mutate(parallelized, (d) => { d.States.ResearchPredictorParallel.Branches[1].States.ExtractPredictorError.Next = 'HandleFailure'; })],
  ['defect: States.ALL not last', mutate(fixture, (d) => { d.States.Backtester.Catch.unshift({ ErrorEquals: ['States.ALL'], Next: 'HandleFailure' }); })],
  ['defect: bad ResultPath', mutate(fixture, (d) => { d.States.Parity.ResultPath = '$.results[*]'; })],
  ['defect: Next and End', mutate(fixture, (d) => { d.States.Evaluator.End = true; })],
  ['defect: trap cycle', mutate(fixture, (d) => { d.States.PredictorWait.Next = 'PredictorWaitAgain'; d.States.PredictorWaitAgain = { Type: 'Wait', Seconds: 1, Next: 'PredictorWait' }; })],
];

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(fn: () => void, budgetMs: number, warmups = 3, minSamples = 5): number {
  // Warm up (JIT) for at least `warmups` calls and one second, so the first row is not measured cold
  // (measured: a cold first row costs about twice as much per state as the same machine warm).
  const warmStart = performance.now();
  for (let i = 0; i < warmups || performance.now() - warmStart < 1000; i++) fn();
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < minSamples || (performance.now() - start < budgetMs && samples.length < 200)) {
    // CPU time of this process (user + system), not wall time: both sides are single-threaded, and other
    // load on a shared machine then skews neither side nor the ratio.
    const t0 = process.cpuUsage();
    fn();
    const spent = process.cpuUsage(t0);
    samples.push((spent.user + spent.system) / 1000);
  }
  return median(samples);
}

const rows: string[][] = [];
for (const [label, def] of corpus) {
  const states = countStates(def);
  const large = states > 5000;
  const ours = time(() => lint(def), 300, large ? 2 : 3, large ? 7 : 5);
  // asl-validator mutates its input (it fills in QueryLanguage), so it gets a fresh copy each call.
  const copies = Array.from({ length: Math.max(6, Math.min(400, Math.floor(400_000 / states))) }, () => structuredClone(def));
  let c = 0;
  const theirs = time(() => aslValidator(copies[c++ % copies.length]), 300, 1, large ? 3 : 5);
  const ourCodes = [...new Set(lint(def).map((d) => d.code))].join(' ') || '—';
  const result = aslValidator(structuredClone(def));
  const theirCodes = [...new Set(result.errors.map((e) => e['Error code']))].join(' ') || '—';
  rows.push([label, String(states), ours.toFixed(3), theirs.toFixed(3), (theirs / ours).toFixed(1), ((ours * 1000) / states).toFixed(2), ourCodes, theirCodes]);
}

const header = ['input', 'states', 'ours ms', 'asl-validator ms', 'ratio (theirs/ours)', 'ours µs/state', 'our rules', 'asl-validator rules'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
process.stdout.write(`${line(header)}\n${line(widths.map((w) => '-'.repeat(w)))}\n${rows.map(line).join('\n')}\n`);
process.stdout.write('\nours = validate() + isolation lint (@repro/sf-topology); asl-validator 4.0.0 with default options (checkPaths, checkArn).\n');
process.stdout.write('Times are medians of CPU time (user + system) per lint of one definition; asl-validator gets a fresh copy (it mutates its input).\n');

// Whole process: `repro sf lint FILE` (the built CLI) vs asl-validator's CLI on the same small file.
const reproBin = fileURLToPath(new URL('../apps/cli/bin/repro.cjs', import.meta.url));
const aslBin = requireFromPackage.resolve('asl-validator/dist/bin/asl-validator.js');
const smallFile = fileURLToPath(new URL('../packages/sf-topology/test/fixtures/saturday-pipeline.asl.json', import.meta.url));
if (!existsSync(fileURLToPath(new URL('../apps/cli/dist/main.cjs', import.meta.url)))) {
  process.stdout.write('\nwhole process: skipped (apps/cli is not built; run pnpm turbo run build --filter @repro/cli...)\n');
} else {
  const wall = (args: string[]): number => {
    const t0 = performance.now();
    const run = spawnSync(process.execPath, args, { stdio: 'ignore' });
    if (run.error) throw run.error;
    return performance.now() - t0;
  };
  const ourRuns: number[] = [];
  const theirRuns: number[] = [];
  for (let i = 0; i < 11; i++) {
    ourRuns.push(wall([reproBin, 'sf', 'lint', smallFile]));
    theirRuns.push(wall([aslBin, '--json-path', smallFile]));
  }
  const ours = median(ourRuns);
  const theirs = median(theirRuns);
  process.stdout.write(
    `\nwhole process on ${countStates(fixture)} states (median of 11, alternating): repro sf lint ${ours.toFixed(0)} ms, asl-validator CLI ${theirs.toFixed(0)} ms, ratio (theirs/ours) ${(theirs / ours).toFixed(1)}\n`,
  );
}
