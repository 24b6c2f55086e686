import { describe, expect, it } from 'vitest';
import { loadSaturdayPipeline, SEED_OPTIONS } from '../test/saturday-pipeline.js';
import type { MapState } from './asl-model.js';
import { AslParseError } from './asl-parse-error.js';
import { ExplainError } from './explain-error.js';
import { explainFailure } from './explain-failure.js';
import { lintIsolation } from './isolation-lint.js';
import { parallelize } from './parallelize.js';
import { parseDefinition } from './parse-definition.js';
import { renderMermaid } from './render-mermaid.js';
import { buildGraph } from './topology-graph.js';

const naive = () => ({
  StartAt: 'P',
  States: {
    P: {
      Type: 'Parallel',
      Next: 'Done',
      Branches: [
        { StartAt: 'Research', States: { Research: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } } },
        {
          StartAt: 'Train',
          States: {
            Train: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Bad' }], End: true },
            Bad: { Type: 'Fail', Error: 'TrainFailed' },
          },
        },
      ],
    },
    Done: { Type: 'Succeed' },
  },
});

describe('isolation lint (SIBLING_CANCEL_HAZARD)', () => {
  it('flags a branch Task without a final States.ALL catcher and a branch Fail state, naming the sibling', () => {
    const d = lintIsolation(naive());
    expect(d.map((x) => [x.code, x.severity, x.path])).toEqual([
      ['SIBLING_CANCEL_HAZARD', 'warning', '/States/P/Branches/0/States/Research'],
      ['SIBLING_CANCEL_HAZARD', 'warning', '/States/P/Branches/1/States/Bad'],
    ]);
    expect(d[0]!.message).toContain('branch 1 (StartAt Train)');
    expect(d[1]!.message).toContain('branch 0 (StartAt Research)');
  });
  it('a Choice without Default in a branch is a hazard too (States.NoChoiceMatched escapes)', () => {
    const def = naive();
    def.States.P.Branches[0]!.States = { Research: { Type: 'Choice', Choices: [{ Variable: '$.go', BooleanEquals: true, Next: 'Go' }] }, Go: { Type: 'Succeed' } } as never;
    def.States.P.Branches[0]!.StartAt = 'Research';
    expect(lintIsolation(def).map((x) => x.path)).toEqual(['/States/P/Branches/0/States/Research', '/States/P/Branches/1/States/Bad']);
  });
  it('the parallelized seed has no hazard; top-level states never count', () => {
    expect(lintIsolation(parallelize(loadSaturdayPipeline(), SEED_OPTIONS).definition)).toEqual([]);
    expect(lintIsolation(loadSaturdayPipeline())).toEqual([]);
  });
});

describe('explainFailure', () => {
  it('naive Parallel: the error escapes the branch, cancels the sibling and fails the execution', () => {
    const e = explainFailure(naive(), 'Research');
    expect(e.cancelledBranches).toEqual(['P branch 1 (StartAt Train)']);
    expect(e.outcome).toEqual({ status: 'FAILED', endState: 'P', error: 'States.TaskFailed', cause: 'Research failed' });
  });
  it('sequential seed: Research fails → HandleFailure → FailExecution; PredictorTraining never runs', () => {
    const e = explainFailure(loadSaturdayPipeline(), 'Research');
    expect(e.steps.map((s) => s.state)).not.toContain('PredictorTraining');
    expect(e.steps.filter((s) => s.event === 'enters').map((s) => s.state)).toEqual(['HandleFailure', 'FailExecution']);
    expect(e.outcome).toMatchObject({ status: 'FAILED', endState: 'FailExecution', error: 'States.TaskFailed' });
  });
  it('parallelized seed: through BranchAFailed, the join, the aggregate and CheckBranchOutcomes, naming branch A', () => {
    const def = parallelize(loadSaturdayPipeline(), SEED_OPTIONS).definition;
    const e = explainFailure(def, 'Research');
    expect(e.cancelledBranches).toEqual([]);
    expect(e.steps.map((s) => `${s.event}:${s.state}`)).toEqual([
      'fails:Research',
      'caught:Research',
      'enters:BranchAFailed',
      'branch_completes:BranchAFailed',
      'join:ResearchPredictorParallel',
      'enters:AggregateBranchOutcomes',
      'enters:CheckBranchOutcomes',
      'choice:CheckBranchOutcomes',
      'enters:ExtractABranchError',
      'enters:HandleFailure',
      'enters:FailExecution',
      'escapes:FailExecution',
    ]);
    expect(e.outcome).toEqual({
      status: 'FAILED',
      endState: 'FailExecution',
      error: 'ParallelBranchFailed',
      cause: 'branch A (StartAt CheckSkipResearch) of ResearchPredictorParallel recorded FAILED',
    });
  });
  it('a fail-soft catch continues within the branch (the outcome depends on what follows)', () => {
    const def = parallelize(loadSaturdayPipeline(), SEED_OPTIONS).definition;
    const e = explainFailure(def, 'EvalRollingMean');
    expect(e.steps[1]).toMatchObject({ event: 'caught', detail: expect.stringContaining('CheckSkipRationaleClustering') });
    expect(e.steps.map((s) => s.state)).not.toContain('BranchAFailed');
  });
  it('a matching Retry is reported before the Catch, and a no-op Retry says so', () => {
    const def = parallelize(loadSaturdayPipeline(), SEED_OPTIONS).definition;
    const retried = explainFailure(def, 'Research', { error: 'Lambda.ServiceException' });
    expect(retried.steps[1]).toMatchObject({ event: 'retried', detail: expect.stringContaining('up to 3') });
    const parallelFails = explainFailure(def, 'ResearchPredictorParallel');
    expect(parallelFails.steps[1]).toMatchObject({ event: 'retried', detail: expect.stringContaining('MaxAttempts 0') });
    expect(parallelFails.steps[2]).toMatchObject({ event: 'caught', detail: expect.stringContaining('HandleFailure') });
  });
  it('a parallelized JSONata machine: the JSONata post-join Choice is evaluated, and the failure is raised after the join', () => {
    const machine = {
      QueryLanguage: 'JSONata',
      StartAt: 'A1',
      States: {
        A1: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Output: '{% $states.input %}', Next: 'B1' },
        B1: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Output: '{% $states.input %}', Next: 'Done' },
        Done: { Type: 'Succeed' },
      },
    };
    const def = parallelize(machine, { chain: ['A1', 'B1'], branches: { A: ['A1'], B: ['B1'] } }).definition;
    const e = explainFailure(def, 'B1');
    expect(e.steps.map((s) => `${s.event}:${s.state}`)).toEqual([
      'fails:B1',
      'caught:B1',
      'enters:BranchBFailed',
      'branch_completes:BranchBFailed',
      'join:ABParallel',
      'enters:AggregateBranchOutcomes',
      'enters:CheckBranchOutcomes',
      'choice:CheckBranchOutcomes',
      'enters:ABParallelBranchBFailed',
      'escapes:ABParallelBranchBFailed',
    ]);
    expect(e.outcome).toMatchObject({ status: 'FAILED', error: 'ParallelBranchFailed', cause: 'branch B (StartAt B1) of ABParallel recorded FAILED' });
    expect(e.cancelledBranches).toEqual([]);
  });
  it('unknown and ambiguous states are typed errors', () => {
    expect(() => explainFailure(naive(), 'Nope')).toThrow(ExplainError);
    const dup = { StartAt: 'A', States: { A: { Type: 'Parallel', End: true, Branches: [{ StartAt: 'A', States: { A: { Type: 'Succeed' } } }] } } };
    expect(() => explainFailure(dup, 'A')).toThrow(/2 states are named A/);
  });
});

describe('renderMermaid', () => {
  it('draws a subgraph per branch and per Map processor, typed edges, and catch edges dashed', () => {
    const def = {
      StartAt: 'P',
      States: {
        P: { ...naive().States.P, Next: 'M' },
        M: { Type: 'Map', End: true, ItemProcessor: { StartAt: 'Item', States: { Item: { Type: 'Pass', End: true } } } },
      },
    };
    const text = renderMermaid(def);
    expect(text.startsWith('flowchart TD\n')).toBe(true);
    expect(text.match(/^\s*subgraph /gm)).toHaveLength(3);
    expect(text).toContain('subgraph scope1["P · branch 0"]');
    expect(text).toContain('subgraph scope3["M · ItemProcessor"]');
    expect(text).toMatch(/s\d+ -\.->\|catch 0\| s\d+/);
    expect(text).toMatch(/s\d+ ==>\|branch 1\| s\d+/);
    expect(text).toMatch(/s\d+ ==>\|items\| s\d+/);
  });
  it('escapes quotes in names and shows dangling targets', () => {
    const text = renderMermaid({ StartAt: 'a"b', States: { 'a"b': { Type: 'Pass', Next: 'gone' } } });
    expect(text).toContain('a#quot;b');
    expect(text).toContain('dangling: gone');
  });
});

describe('parseDefinition and the graph', () => {
  it('parses all eight types, Choice And/Or/Not, Map ItemReader/ItemBatcher/distributed, JSONata fields, keeping unknown fields', () => {
    const def = parseDefinition(
      JSON.stringify({
        QueryLanguage: 'JSONPath',
        StartAt: 'T',
        'x-extra': { keep: true },
        States: {
          T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Next: 'C', Retry: [{ ErrorEquals: ['X'], MaxAttempts: 2 }], Catch: [{ ErrorEquals: ['States.ALL'], Next: 'F' }], 'x-owner': 'me' },
          C: { Type: 'Choice', Choices: [{ And: [{ Variable: '$.a', IsPresent: true }, { Not: { Variable: '$.b', IsNull: true } }], Next: 'W' }, { Or: [{ Variable: '$.c', StringEquals: 'x' }], Next: 'J' }], Default: 'P' },
          W: { Type: 'Wait', Seconds: 1, Next: 'J' },
          J: { Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% $states.input %}', Assign: { n: 1 }, Next: 'P' },
          P: { Type: 'Parallel', Branches: [{ StartAt: 'B', States: { B: { Type: 'Pass', End: true } } }], Next: 'M' },
          M: {
            Type: 'Map',
            ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'CSV' }, Parameters: { Bucket: 'b', Key: 'k' } },
            ItemBatcher: { MaxItemsPerBatch: 10 },
            ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' }, StartAt: 'I', States: { I: { Type: 'Succeed' } } },
            Next: 'L',
          },
          L: { Type: 'Map', Iterator: { StartAt: 'I2', States: { I2: { Type: 'Succeed' } } }, Next: 'S' },
          S: { Type: 'Succeed' },
          F: { Type: 'Fail', Error: 'E' },
        },
      }),
    );
    expect(def['x-extra']).toEqual({ keep: true });
    expect(def.States.T).toMatchObject({ Type: 'Task', 'x-owner': 'me' });
    const m = def.States.M as MapState;
    expect(m.ItemProcessor?.ProcessorConfig?.Mode).toBe('DISTRIBUTED');
    expect(m.ItemBatcher?.MaxItemsPerBatch).toBe(10);
    const g = buildGraph(def as unknown as Record<string, unknown>);
    expect(g.scopes.map((s) => [s.pointer, s.kind])).toEqual([
      ['', 'root'],
      ['/States/P/Branches/0', 'branch'],
      ['/States/M/ItemProcessor', 'map'],
      ['/States/L/Iterator', 'map'],
    ]);
    expect(g.outgoing('/States/C').map((e) => [e.kind, e.to])).toEqual([
      ['choice', '/States/W'],
      ['choice', '/States/J'],
      ['default', '/States/P'],
    ]);
    expect(g.outgoing('/States/T').map((e) => e.kind)).toEqual(['next', 'catch']);
    expect(g.inbound('/States/J').map((e) => e.from)).toEqual(['/States/C', '/States/W']);
    expect(g.reachable.has('/States/M/ItemProcessor/States/I')).toBe(true);
  });
  it('parses a JSONata machine: Arguments, Output, Assign, Items, Choice Condition, expressions for numbers', () => {
    const def = parseDefinition({
      QueryLanguage: 'JSONata',
      StartAt: 'T',
      States: {
        T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { id: '{% $states.input.id %}' }, Output: '{% $states.result %}', Assign: { n: '{% $states.result.n %}' }, TimeoutSeconds: '{% $t %}', Next: 'C' },
        C: { Type: 'Choice', Choices: [{ Condition: '{% $n > 1 %}', Next: 'M' }], Default: 'W' },
        W: { Type: 'Wait', Seconds: '{% $n %}', Next: 'M' },
        M: { Type: 'Map', Items: '{% $states.input.list %}', MaxConcurrency: '{% $n %}', ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } }, Next: 'F' },
        F: { Type: 'Fail', Error: '{% $states.input.kind %}', Cause: 'static' },
      },
    });
    expect(def.QueryLanguage).toBe('JSONata');
    expect(def.States.T).toMatchObject({ Arguments: { id: '{% $states.input.id %}' }, TimeoutSeconds: '{% $t %}' });
    expect((def.States.C as { Choices: unknown[] }).Choices[0]).toEqual({ Condition: '{% $n > 1 %}', Next: 'M' });
  });
  it('keeps unknown fields everywhere: in a branch scope, a Choice rule, a retrier, a catcher, a Map processor', () => {
    const def = parseDefinition({
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          'x-p': 1,
          Branches: [{ StartAt: 'C', 'x-branch': 2, States: { C: { Type: 'Choice', Choices: [{ Variable: '$.a', IsPresent: true, Next: 'T', 'x-rule': 3 }], Default: 'T' }, T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Retry: [{ ErrorEquals: ['E'], 'x-retry': 4 }], Catch: [{ ErrorEquals: ['States.ALL'], Next: 'T2', 'x-catch': 5 }], Next: 'T2' }, T2: { Type: 'Succeed' } } }],
          Next: 'M',
        },
        M: { Type: 'Map', ItemProcessor: { StartAt: 'I', 'x-proc': 6, ProcessorConfig: { Mode: 'INLINE', 'x-cfg': 7 }, States: { I: { Type: 'Succeed' } } }, End: true },
      },
    });
    const text = JSON.stringify(def);
    for (const k of ['x-p', 'x-branch', 'x-rule', 'x-retry', 'x-catch', 'x-proc', 'x-cfg']) expect(text).toContain(`"${k}"`);
  });
  it('rejects a bad definition with the JSON Pointer of each problem', () => {
    try {
      parseDefinition({ StartAt: 'A', States: { A: { Type: 'Task', Next: 3 } } });
      throw new Error('did not throw');
    } catch (error) {
      expect(error).toBeInstanceOf(AslParseError);
      expect((error as AslParseError).issues.map((i) => i.path).sort()).toEqual(['/States/A/Next', '/States/A/Resource']);
    }
    expect(() => parseDefinition('{not json')).toThrow(AslParseError);
  });
});
