import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validate } from '@repro/sf-topology';
import { beforeAll, describe, expect, it } from 'vitest';
import { runRepro } from '../../../test/run-cli-in-process.js';

const FIXTURE = fileURLToPath(new URL('../../../../../packages/sf-topology/test/fixtures/saturday-pipeline.asl.json', import.meta.url));
const BIN = fileURLToPath(new URL('../../../bin/repro.cjs', import.meta.url));
const A =
  'CheckSkipResearch,Research,CheckResearchStatus,ExtractResearchError,CheckSkipDataPhase2,DataPhase2,CheckSkipEvalJudge,ComputeEvalCadence,CheckMonthlyCadence,EvalJudgeSubmitFirstSaturday,EvalJudgeSubmitWeekly,EvalJudgePollChoice,EvalJudgePollWait,EvalJudgePoll,EvalJudgePollDecision,EvalJudgeProcess,EvalRollingMean,CheckSkipRationaleClustering,RationaleClustering,CheckSkipReplayConcordance,ReplayConcordance,CheckSkipCounterfactual,Counterfactual';
const B = 'CheckSkipPredictorTraining,PredictorTraining,WaitForPredictorTraining,CheckPredictorStatus,PredictorWait,ExtractPredictorError';
const PARALLELIZE = ['sf', 'parallelize', FIXTURE, '--chain', `${A},${B}`, '--branch', `A=${A}`, '--branch', `B=${B}`, '--name', 'ResearchPredictorParallel', '--failure-handler', 'HandleFailure'];

let dir: string;
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'repro-sf-cli-'));
});

const broken = { StartAt: 'A', States: { A: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Gone' }], End: true } } };
const warnOnly = { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'S' }] }, S: { Type: 'Succeed' } } };

describe('repro sf lint', () => {
  it('one valid file: --json prints {valid, diagnostics}, exit 0', async () => {
    const run = await runRepro(['sf', 'lint', FIXTURE, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ valid: true, diagnostics: [] });
  });
  it('warnings only still exit 0', async () => {
    const run = await runRepro(['sf', 'lint', file('warn.json', warnOnly), '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ valid: true, diagnostics: [expect.objectContaining({ code: 'CHOICE_NO_DEFAULT_WARNING', severity: 'warning', path: '/States/C' })] });
  });
  it('several files: an array of {file, valid, diagnostics}; exit 1 when any has an error', async () => {
    const bad = file('broken.json', broken);
    const run = await runRepro(['sf', 'lint', FIXTURE, bad, '--json']);
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout);
    expect(out.map((r: { file: string; valid: boolean }) => [r.file, r.valid])).toEqual([
      [FIXTURE, true],
      [bad, false],
    ]);
    expect(out[1].diagnostics).toEqual([{ code: 'DANGLING_TARGET', severity: 'error', path: '/States/A/Catch/0/Next', message: expect.stringContaining('Gone') }]);
  });
  it('human output names the file and shows a table of diagnostics', async () => {
    const run = await runRepro(['sf', 'lint', file('broken2.json', broken)]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('broken2.json: INVALID (1 error(s), 0 warning(s))');
    expect(run.stdout).toMatch(/error\s+DANGLING_TARGET\s+\/States\/A\/Catch\/0\/Next/);
  });
  it('several files, one not JSON: exit 2 and, under --json, exactly one JSON document naming it', async () => {
    const run = await runRepro(['sf', 'lint', FIXTURE, file('half.json', '{"StartAt":'), '--json']);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'not_json', file: expect.stringContaining('half.json') } });
  });
  it('exit 2 when a file is not JSON or not readable, naming the file', async () => {
    const notJson = await runRepro(['sf', 'lint', file('bad.json', '{nope')]);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain('bad.json: not JSON');
    const missing = await runRepro(['sf', 'lint', join(dir, 'missing.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing.json: cannot read');
  });
  it('reports the isolation lint as warnings', async () => {
    const naive = {
      StartAt: 'P',
      States: { P: { Type: 'Parallel', End: true, Branches: [{ StartAt: 'R', States: { R: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } } }, { StartAt: 'T', States: { T: { Type: 'Pass', End: true } } }] } },
    };
    const run = await runRepro(['sf', 'lint', file('naive.json', naive), '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).diagnostics.map((d: { code: string; path: string }) => [d.code, d.path])).toEqual([['SIBLING_CANCEL_HAZARD', '/States/P/Branches/0/States/R']]);
  });
});

describe('repro sf parallelize', () => {
  it('prints the rewritten definition on stdout; it is valid and has the Parallel', async () => {
    const run = await runRepro(PARALLELIZE);
    expect(run.code).toBe(0);
    const def = JSON.parse(run.stdout);
    expect(validate(def)).toEqual([]);
    expect(def.States.ResearchPredictorParallel.Branches.map((b: { StartAt: string }) => b.StartAt)).toEqual(['CheckSkipResearch', 'CheckSkipPredictorTraining']);
  });
  it('--out writes the file and prints nothing on stdout', async () => {
    const out = join(dir, 'out.asl.json');
    const run = await runRepro([...PARALLELIZE, '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).States.CheckBranchOutcomes.Default).toBe('CheckSkipDriftDetection');
  });
  it('a refusal exits 1 with the reason and writes nothing', async () => {
    const out = join(dir, 'refused.asl.json');
    const run = await runRepro(['sf', 'parallelize', FIXTURE, '--chain', 'Research,DataPhase2', '--branch', 'A=Research', '--branch', 'B=DataPhase2', '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('NOT_CONTIGUOUS');
    expect(existsSync(out)).toBe(false);
  });
  it('--out leaves no temporary file behind; an unwritable --out exits 2 naming the flag', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'repro-sf-out-'));
    const run = await runRepro([...PARALLELIZE, '--out', join(outDir, 'p.json')]);
    expect(run.code).toBe(0);
    expect(readdirSync(outDir)).toEqual(['p.json']);
    const bad = await runRepro([...PARALLELIZE, '--out', join(outDir, 'no-such-dir', 'p.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--out');
    expect(readdirSync(outDir)).toEqual(['p.json']);
  });
  it('prints the rewrite warnings on stderr, and still writes the definition', async () => {
    const def = {
      StartAt: 'A1',
      States: {
        A1: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ResultPath: '$.a', Next: 'B1' },
        B1: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ResultPath: '$.b', Next: 'After' },
        After: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { 'x.$': '$.b.id' }, End: true },
      },
    };
    const run = await runRepro(['sf', 'parallelize', file('warn-rewrite.json', def), '--chain', 'A1,B1', '--branch', 'A=A1', '--branch', 'B=B1']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).States.ABParallel.Type).toBe('Parallel');
    expect(run.stderr).toContain('warning: DOWNSTREAM_READS_CHAIN_WRITE: After (after the join) reads $.b.id');
  });
  it('rewrites a JSONata machine in JSONata', async () => {
    const def = {
      QueryLanguage: 'JSONata',
      StartAt: 'A1',
      States: {
        A1: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Output: '{% $states.input %}', Next: 'B1' },
        B1: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Output: '{% $states.input %}', Next: 'Done' },
        Done: { Type: 'Succeed' },
      },
    };
    const run = await runRepro(['sf', 'parallelize', file('jsonata.json', def), '--chain', 'A1,B1', '--branch', 'A=A1', '--branch', 'B=B1']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(validate(out)).toEqual([]);
    expect(out.States.ABParallel.Output).toContain('$states.result[0]');
    expect(out.States.CheckBranchOutcomes.Choices[0].Condition).toContain("= 'FAILED'");
  });
  it('a malformed --branch is a usage error (exit 2)', async () => {
    const run = await runRepro(['sf', 'parallelize', FIXTURE, '--chain', 'Research', '--branch', 'Research']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('NAME=STATE1,STATE2');
  });
});

describe('repro sf render / explain', () => {
  it('render prints a Mermaid flowchart with a subgraph per branch', async () => {
    const parallel = file('parallel.json', JSON.parse((await runRepro(PARALLELIZE)).stdout));
    const run = await runRepro(['sf', 'render', parallel, '--format', 'mermaid']);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('flowchart TD')).toBe(true);
    expect(run.stdout).toContain('ResearchPredictorParallel · branch 0');
    expect(run.stdout).toContain('ResearchPredictorParallel · branch 1');
    expect((await runRepro(['sf', 'render', parallel, '--format', 'dot'])).code).toBe(2);
  });
  it('explain --json says where the execution ends if Research fails after the rewrite', async () => {
    const parallel = file('parallel2.json', JSON.parse((await runRepro(PARALLELIZE)).stdout));
    const run = await runRepro(['sf', 'explain', parallel, '--fail', 'Research', '--json']);
    expect(run.code).toBe(0);
    const e = JSON.parse(run.stdout);
    expect(e.outcome).toMatchObject({ status: 'FAILED', endState: 'FailExecution', error: 'ParallelBranchFailed' });
    expect(e.cancelledBranches).toEqual([]);
    const human = await runRepro(['sf', 'explain', FIXTURE, '--fail', 'Research']);
    expect(human.stdout).toMatch(/outcome\s+FAILED/);
    expect(human.stdout).toMatch(/ends at\s+FailExecution/);
  });
  it('explain of an unknown state exits 2', async () => {
    const run = await runRepro(['sf', 'explain', FIXTURE, '--fail', 'Nope']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no state named Nope');
  });
});

describe('the built bin', () => {
  it('node bin/repro.cjs sf lint --json on the fixture exits 0 (run `pnpm --filter @repro/cli build` first)', () => {
    expect(existsSync(resolve(BIN, '../../dist'))).toBe(true);
    const run = spawnSync(process.execPath, [BIN, 'sf', 'lint', FIXTURE, '--json'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ valid: true, diagnostics: [] });
    const bad = spawnSync(process.execPath, [BIN, 'sf', 'lint', file('bin-broken.json', broken)], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
  });
});
