import { describe, expect, it } from 'vitest';
import { BRANCH_A, BRANCH_B, loadSaturdayPipeline, SEED_OPTIONS } from '../test/saturday-pipeline.js';
import { lintIsolation } from './isolation-lint.js';
import { parallelize } from './parallelize.js';
import { ParallelizeError } from './parallelize-error.js';
import type { SfEvent } from './sf-event-types.js';
import { buildGraph } from './topology-graph.js';
import { validate } from './validate.js';

// biome-ignore lint/suspicious/noExplicitAny: definitions are free-form JSON in these assertions
type S = Record<string, any>;
const seed = () => parallelize(loadSaturdayPipeline(), SEED_OPTIONS);
const states = (def: unknown): S => (def as S).States;
const parallelOf = (def: unknown): S => states(def).ResearchPredictorParallel;
const branch = (def: unknown, i: number): S => parallelOf(def).Branches[i];
/** Every transition target of a state (Next, Default, Choices[].Next, Catch[].Next). */
const targets = (s: S): string[] => [
  ...(s.Next ? [s.Next] : []),
  ...(s.Default ? [s.Default] : []),
  ...(s.Choices ?? []).map((c: S) => c.Next),
  ...(s.Catch ?? []).map((c: S) => c.Next),
];

describe('parallelize: the seed rewrite (ResearchPredictorParallel)', () => {
  it('the input fixture is valid and the output is valid', () => {
    expect(validate(loadSaturdayPipeline()).filter((d) => d.severity === 'error')).toEqual([]);
    expect(validate(seed().definition)).toEqual([]);
  });

  it('sibling branches: A starts at CheckSkipResearch, B at CheckSkipPredictorTraining, with their states and two terminals each', () => {
    const { definition } = seed();
    expect(parallelOf(definition).Type).toBe('Parallel');
    expect(parallelOf(definition).Branches).toHaveLength(2);
    expect(branch(definition, 0).StartAt).toBe('CheckSkipResearch');
    expect(branch(definition, 1).StartAt).toBe('CheckSkipPredictorTraining');
    expect(Object.keys(branch(definition, 0).States)).toEqual([...BRANCH_A, 'BranchAComplete', 'BranchAFailed']);
    expect(Object.keys(branch(definition, 1).States)).toEqual([...BRANCH_B, 'BranchBComplete', 'BranchBFailed']);
    for (const name of [...BRANCH_A, ...BRANCH_B]) expect(states(definition)[name]).toBeUndefined();
  });

  it('no Research→Predictor serial edge anywhere: Counterfactual and the research skip now complete Branch A', () => {
    const a = branch(seed().definition, 0).States;
    expect(a.Counterfactual.Next).toBe('BranchAComplete');
    expect(a.CheckSkipCounterfactual.Choices[0].Next).toBe('BranchAComplete');
    expect(a.CheckSkipResearch.Choices[0].Next).toBe('BranchAComplete');
    for (const s of Object.values(a)) expect(targets(s as S)).not.toContain('CheckSkipPredictorTraining');
  });

  it('skip-gates, polling quartets, Retry and fail-soft Catches are kept intact', () => {
    const input = loadSaturdayPipeline().States;
    const a = branch(seed().definition, 0).States;
    const b = branch(seed().definition, 1).States;
    expect(a.EvalJudgePollDecision).toEqual(input.EvalJudgePollDecision);
    expect(a.EvalJudgePollWait).toEqual(input.EvalJudgePollWait);
    expect(b.PredictorWait).toEqual(input.PredictorWait);
    expect(b.PredictorTraining.Retry).toEqual(input.PredictorTraining!.Retry);
    expect(a.Research.Retry).toEqual(input.Research!.Retry);
    expect(b.CheckPredictorStatus.Default).toBe('PredictorWait');
    expect(b.WaitForPredictorTraining.Next).toBe('CheckPredictorStatus');
    // fail-soft eval catches forward within Branch A, never to the FAILED terminal or HandleFailure
    for (const name of ['ComputeEvalCadence', 'EvalJudgeSubmitWeekly', 'EvalJudgePoll', 'EvalRollingMean', 'RationaleClustering', 'ReplayConcordance']) {
      expect(a[name].Catch).toEqual(input[name]!.Catch);
      expect(a[name].Catch.map((c: S) => c.Next)).not.toContain('BranchAFailed');
    }
  });

  it('per-branch isolation: no branch state routes to the top-level HandleFailure', () => {
    const def = seed().definition;
    for (const i of [0, 1]) {
      for (const s of Object.values(branch(def, i).States)) expect(targets(s as S)).not.toContain('HandleFailure');
    }
  });

  it('hard-fail edges go to the branch FAILED terminal: Research/DataPhase2/Counterfactual, Predictor quartet, Extract*Error', () => {
    const a = branch(seed().definition, 0).States;
    const b = branch(seed().definition, 1).States;
    expect(a.Research.Catch.at(-1)).toEqual({ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'BranchAFailed' });
    expect(a.DataPhase2.Catch.at(-1).Next).toBe('BranchAFailed');
    expect(a.ExtractResearchError.Next).toBe('BranchAFailed');
    expect(b.PredictorTraining.Catch.at(-1)).toEqual({ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'BranchBFailed' });
    expect(b.WaitForPredictorTraining.Catch.at(-1).Next).toBe('BranchBFailed');
    expect(b.ExtractPredictorError.Next).toBe('BranchBFailed');
  });

  it('every Task/Parallel/Map in a branch ends its Catch with a lone States.ALL catcher that keeps the state', () => {
    const def = seed().definition;
    for (const i of [0, 1]) {
      for (const s of Object.values(branch(def, i).States) as S[]) {
        if (!['Task', 'Parallel', 'Map'].includes(s.Type)) continue;
        const last = s.Catch.at(-1);
        expect(last.ErrorEquals).toEqual(['States.ALL']);
        expect(typeof last.ResultPath === 'string' && last.ResultPath !== '$').toBe(true);
      }
    }
  });

  it('branches end only in Pass terminals recording OK / FAILED as data', () => {
    const def = seed().definition;
    for (const [i, key] of [[0, 'A'], [1, 'B']] as const) {
      const st = branch(def, i).States;
      const ends = Object.entries(st).filter(([, s]) => (s as S).End === true || ['Succeed', 'Fail'].includes((s as S).Type));
      expect(ends.map(([n]) => n)).toEqual([`Branch${key}Complete`, `Branch${key}Failed`]);
      const status = `$.branch_${key.toLowerCase()}_status`;
      expect(st[`Branch${key}Complete`]).toMatchObject({ Type: 'Pass', Result: 'OK', ResultPath: status, End: true });
      expect(st[`Branch${key}Failed`]).toMatchObject({ Type: 'Pass', Result: 'FAILED', ResultPath: status, End: true });
    }
  });

  it('the Parallel keeps its input, Catches to HandleFailure and has a no-op Retry', () => {
    const p = parallelOf(seed().definition);
    expect(p.InputPath).toBeUndefined();
    expect(p.Parameters).toBeUndefined();
    expect(p.ResultPath).toBe('$.parallel_result');
    expect(p.Retry).toEqual([{ ErrorEquals: ['States.ALL'], MaxAttempts: 0 }]);
    expect(p.Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'HandleFailure' }]);
    expect(p.Next).toBe('AggregateBranchOutcomes');
  });

  it('post-join: aggregate + Choice fail if either branch is FAILED, else the old successor (CheckSkipDriftDetection)', () => {
    const r = seed();
    const st = states(r.definition);
    expect(r.successor).toBe('CheckSkipDriftDetection');
    expect(st.AggregateBranchOutcomes).toMatchObject({ Type: 'Pass', ResultPath: '$.parallel_result', Next: 'CheckBranchOutcomes' });
    const check = st.CheckBranchOutcomes;
    expect(check.Default).toBe('CheckSkipDriftDetection');
    expect(check.Choices).toEqual([
      { Variable: '$.parallel_result.A', StringEquals: 'FAILED', Next: 'ExtractABranchError' },
      { Variable: '$.parallel_result.B', StringEquals: 'FAILED', Next: 'ExtractBBranchError' },
    ]);
    expect(st.ExtractABranchError).toMatchObject({ Type: 'Pass', ResultPath: '$.error', Next: 'HandleFailure' });
    expect(st.ExtractABranchError.Result.Cause).toContain('branch A (StartAt CheckSkipResearch)');
  });

  it('never emits an indexed $.x[0].field JSONPath in the post-join logic', () => {
    const st = states(seed().definition);
    const text = JSON.stringify([st.AggregateBranchOutcomes, st.CheckBranchOutcomes, st.ExtractABranchError, st.ExtractBBranchError]);
    expect(text).not.toMatch(/\$\.[^"]*\[\d+\]\.[A-Za-z_]/);
    expect(parallelOf(seed().definition).ResultSelector).toEqual({ 'A.$': '$[0]', 'B.$': '$[1]' });
  });

  it('$.ec2_instance_id reaches Branch B: the Parallel passes its whole input to each branch', () => {
    const b = branch(seed().definition, 1).States;
    expect(b.PredictorTraining.Parameters['InstanceIds.$']).toBe('States.Array($.ec2_instance_id)');
    expect(parallelOf(seed().definition).InputPath).toBeUndefined();
  });

  it('inbound edges (RegimeRetrospectiveEval Next + Catch, the skip choice) are re-pointed to the Parallel', () => {
    const r = seed();
    const st = states(r.definition);
    expect(st.RegimeRetrospectiveEval.Next).toBe('ResearchPredictorParallel');
    expect(st.RegimeRetrospectiveEval.Catch[0].Next).toBe('ResearchPredictorParallel');
    expect(st.CheckSkipRegimeRetrospectiveEval.Choices[0].Next).toBe('ResearchPredictorParallel');
    expect(r.rewiredInbound.map((t) => t.field)).toEqual([
      '/States/CheckSkipRegimeRetrospectiveEval/Choices/0/Next',
      '/States/RegimeRetrospectiveEval/Next',
      '/States/RegimeRetrospectiveEval/Catch/0/Next',
    ]);
  });

  it('Backtester runs strictly after the join', () => {
    const def = seed().definition as Record<string, unknown>;
    const g = buildGraph(def);
    const from = g.stateIn('', 'CheckBranchOutcomes')!.id;
    const backtester = g.stateIn('', 'Backtester')!.id;
    const seen = new Set([from]);
    const stack = [from];
    while (stack.length) {
      for (const e of g.outgoing(stack.pop()!)) {
        if (!seen.has(e.to)) {
          seen.add(e.to);
          stack.push(e.to);
        }
      }
    }
    expect(seen.has(backtester)).toBe(true);
    for (const i of [0, 1]) expect(Object.keys(branch(def, i).States)).not.toContain('Backtester');
  });

  it('no dangling Next/Default/Catch at the top level or in a branch', () => {
    const def = seed().definition;
    const g = buildGraph(def as Record<string, unknown>);
    expect(g.transitions.filter((t) => t.resolution !== 'edge')).toEqual([]);
  });

  it('emits sf_parallelize_outcome', () => {
    const events: SfEvent[] = [];
    parallelize(loadSaturdayPipeline(), { ...SEED_OPTIONS, emit: (e) => events.push(e) });
    expect(events).toEqual([
      {
        event: 'sf_parallelize_outcome',
        parallel_state: 'ResearchPredictorParallel',
        branches: [
          { name: 'A', start_at: 'CheckSkipResearch', states: BRANCH_A.length },
          { name: 'B', start_at: 'CheckSkipPredictorTraining', states: BRANCH_B.length },
        ],
        successor: 'CheckSkipDriftDetection',
        rewired_inbound: 3,
        repointed_to_failed: 7,
        warnings: 0,
      },
    ]);
  });

  it('does not mutate its input', () => {
    const input = loadSaturdayPipeline();
    const before = JSON.stringify(input);
    parallelize(input, SEED_OPTIONS);
    expect(JSON.stringify(input)).toBe(before);
  });
});

describe('parallelize: defaults and generalisations', () => {
  const simple = (extra: S = {}) => ({
    StartAt: 'Prep',
    States: {
      Prep: { Type: 'Pass', Next: 'A1' },
      A1: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ResultPath: '$.a1', Next: 'A2' },
      A2: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ResultPath: '$.a2', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Notify' }], Next: 'B1' },
      B1: { Type: 'Choice', Choices: [{ Variable: '$.bad', BooleanEquals: true, Next: 'Notify' }], Default: 'B2' },
      B2: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ResultPath: '$.b2', Next: 'After' },
      After: { Type: 'Succeed' },
      Notify: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Next: 'Boom' },
      Boom: { Type: 'Fail', Error: 'X' },
      ...extra,
    },
  });
  const opts = { chain: ['A1', 'A2', 'B1', 'B2'], branches: { A: ['A1', 'A2'], B: ['B1', 'B2'] } };

  it('without --failure-handler adds Fail states whose Error/Cause name the failed branch', () => {
    const r = parallelize(simple(), opts);
    const st = states(r.definition);
    expect(r.parallelState).toBe('ABParallel');
    expect(st.CheckBranchOutcomes.Choices.map((c: S) => c.Next)).toEqual(['ABParallelBranchAFailed', 'ABParallelBranchBFailed']);
    expect(st.ABParallelBranchBFailed).toEqual({ Type: 'Fail', Error: 'ParallelBranchFailed', Cause: 'branch B (StartAt B1) of ABParallel recorded FAILED' });
    expect(st.ABParallel.Catch[0].Next).toBe('ABParallelFailed');
    expect(validate(r.definition)).toEqual([]);
    // the notifier was reached only from the chain's failure exits: it is removed, and reported
    expect(r.removedStates).toEqual(['Notify', 'Boom']);
  });

  it('with a failure handler, the post-join failure and the Parallel Catch go to it and it stays', () => {
    const r = parallelize(simple(), { ...opts, failureHandler: 'Notify' });
    const st = states(r.definition);
    expect(r.removedStates).toEqual([]);
    expect(st.ABParallel.Catch[0].Next).toBe('Notify');
    expect(st.ExtractBBranchError).toMatchObject({ Next: 'Notify', ResultPath: '$.error', Result: { Error: 'ParallelBranchFailed' } });
    expect(validate(r.definition)).toEqual([]);
  });

  it('a Choice arm to a failure notifier is re-pointed to the FAILED terminal; a catcher keeps the state', () => {
    const r = parallelize(simple(), opts);
    const b = branch0(r.definition, 1);
    expect(b.B1.Choices[0].Next).toBe('BranchBFailed');
    const a = branch0(r.definition, 0);
    expect(a.A2.Catch).toEqual([{ ErrorEquals: ['States.ALL'], Next: 'BranchAFailed', ResultPath: '$.error' }]);
    expect(r.repointedToFailed.map((t) => t.field)).toEqual(['/States/A2/Catch/0/Next', '/States/B1/Choices/0/Next']);
  });

  it('a chain that ended the machine gets a Succeed as the post-join Default', () => {
    const def = simple();
    (def.States as S).B2 = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ResultPath: '$.b2', End: true };
    delete (def.States as S).After;
    const r = parallelize(def, opts);
    expect(r.successor).toBeNull();
    expect(states(r.definition).CheckBranchOutcomes.Default).toBe('ABParallelSucceeded');
    expect(states(r.definition).ABParallelSucceeded).toMatchObject({ Type: 'Succeed' });
    expect(branch0(r.definition, 1).B2.Next).toBe('BranchBComplete');
    expect(validate(r.definition)).toEqual([]);
  });

  it('the machine StartAt at the chain start is re-pointed to the Parallel', () => {
    const def = simple();
    def.StartAt = 'A1';
    delete (def.States as S).Prep;
    const r = parallelize(def, opts);
    expect((r.definition as S).StartAt).toBe('ABParallel');
  });
});

function branch0(def: unknown, i: number): S {
  return (def as S).States.ABParallel.Branches[i].States;
}

describe('parallelize: refusals (typed, nothing rewritten)', () => {
  const base = () => ({
    StartAt: 'A1',
    States: {
      A1: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ResultPath: '$.a', Next: 'A2' },
      A2: { Type: 'Pass', Next: 'B1' },
      B1: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { 'x.$': '$.other' }, ResultPath: '$.b', Next: 'B2' },
      B2: { Type: 'Pass', Next: 'Done' },
      Done: { Type: 'Succeed' },
    } as S,
  });
  const opts = { chain: ['A1', 'A2', 'B1', 'B2'], branches: { A: ['A1', 'A2'], B: ['B1', 'B2'] } };
  const refusal = (def: unknown, o = opts) => {
    try {
      parallelize(def, o);
    } catch (error) {
      expect(error).toBeInstanceOf(ParallelizeError);
      return error as ParallelizeError;
    }
    throw new Error('parallelize did not refuse');
  };

  it('the base case is accepted (so the refusals below are caused by what they change)', () => {
    expect(validate(parallelize(base(), opts).definition)).toEqual([]);
  });

  it('NOT_DATA_INDEPENDENT when a state of one group reads under what the other writes', () => {
    const def = base();
    def.States.B1.Parameters = { 'x.$': '$.a.value' };
    const e = refusal(def);
    expect(e.code).toBe('NOT_DATA_INDEPENDENT');
    expect(e.message).toContain('B1 reads $.a.value');
    expect(e.message).toContain('A1 writes ($.a at /States/A1/ResultPath)');
  });

  it('reading exactly the written path, a Choice variable, or a variable set by Assign also counts', () => {
    const exact = base();
    exact.States.B2 = { Type: 'Choice', Choices: [{ Variable: '$.a', IsPresent: true, Next: 'Done' }], Default: 'Done' };
    expect(refusal(exact).code).toBe('NOT_DATA_INDEPENDENT');
    const assign = base();
    assign.States.A2 = { Type: 'Pass', Assign: { token: 'x' }, Next: 'B1' };
    assign.States.B1.Parameters = { 'x.$': '$token' };
    expect(refusal(assign).code).toBe('NOT_DATA_INDEPENDENT');
  });

  it('reading the whole state $ does not count; neither does a sibling path', () => {
    const whole = base();
    whole.States.B1.Parameters = { 'all.$': '$', 'sib.$': '$.ab' };
    expect(parallelize(whole, opts).parallelState).toBe('ABParallel');
  });

  it('a Task with no ResultPath writes the whole state, so any read by the other group depends on it', () => {
    const def = base();
    delete def.States.A1.ResultPath;
    expect(refusal(def).code).toBe('NOT_DATA_INDEPENDENT');
  });

  it('NOT_CONTIGUOUS when a state outside the chain sits between chain states', () => {
    const def = base();
    def.States.A2.Next = 'Mid';
    def.States.Mid = { Type: 'Pass', Next: 'B1' };
    const e = refusal(def);
    expect(e.code).toBe('NOT_CONTIGUOUS');
    expect(e.message).toContain('B1');
  });

  it('NOT_CONTIGUOUS when a later group goes back into an earlier one', () => {
    const def = base();
    def.States.B2 = { Type: 'Choice', Choices: [{ Variable: '$.again', BooleanEquals: true, Next: 'A1' }], Default: 'Done' };
    expect(refusal(def).code).toBe('NOT_CONTIGUOUS');
  });

  it('ENTRY_NOT_FIRST when an edge from outside enters a group after its first state', () => {
    const def = base();
    def.StartAt = 'Gate';
    def.States.Gate = { Type: 'Choice', Choices: [{ Variable: '$.short', BooleanEquals: true, Next: 'A2' }], Default: 'A1' };
    const e = refusal(def);
    expect(e.code).toBe('ENTRY_NOT_FIRST');
    expect(e.message).toContain('Gate');
  });

  it('ENTRY_NOT_FIRST when one group jumps into the middle of another', () => {
    const def = base();
    def.States.A2 = { Type: 'Choice', Choices: [{ Variable: '$.x', BooleanEquals: true, Next: 'B2' }], Default: 'B1' };
    expect(refusal(def).code).toBe('ENTRY_NOT_FIRST');
  });

  it('INVALID_OPTIONS for unknown, nested, overlapping or uncovered states; INVALID_DEFINITION for an invalid input', () => {
    expect(refusal(base(), { chain: ['A1', 'Nope'], branches: { A: ['A1'], B: ['Nope'] } }).code).toBe('INVALID_OPTIONS');
    expect(refusal(base(), { chain: ['A1', 'A2'], branches: { A: ['A1', 'A2'], B: ['A2'] } }).code).toBe('INVALID_OPTIONS');
    expect(refusal(base(), { chain: ['A1', 'A2'], branches: { A: ['A1'], B: [] } }).code).toBe('INVALID_OPTIONS');
    expect(refusal(base(), { chain: ['A1', 'A2', 'B1', 'B2'], branches: { A: ['A1', 'A2'] } } as never).code).toBe('INVALID_OPTIONS');
    const broken = base();
    broken.States.B2.Next = 'Missing';
    const e = refusal(broken);
    expect(e.code).toBe('INVALID_DEFINITION');
    expect(e.diagnostics.map((d) => d.code)).toContain('DANGLING_TARGET');
  });
});

describe('parallelize: a branch never throws, whatever its states', () => {
  const def = (): S => ({
    StartAt: 'A1',
    States: {
      A1: { Type: 'Choice', Choices: [{ Variable: '$.go', BooleanEquals: true, Next: 'A2' }] },
      A2: { Type: 'Succeed', OutputPath: '$.kept' },
      B1: { Type: 'Pass', Result: 1, ResultPath: '$.b', Next: 'B2' },
      B2: { Type: 'Wait', Seconds: 1, Next: 'Done' },
      Done: { Type: 'Succeed' },
    },
  });
  // A2 (a Succeed) ends the machine in the sequential form; B1 is entered from nowhere: give the chain a shape that runs.
  const chained = (): S => {
    const d = def();
    d.States.A2 = { Type: 'Pass', OutputPath: '$.kept', Next: 'B1' };
    return d;
  };
  const opts = { chain: ['A1', 'A2', 'B1', 'B2'], branches: { A: ['A1', 'A2'], B: ['B1', 'B2'] } };

  it('a Choice without Default gets one: a Pass that records States.NoChoiceMatched and goes to FAILED', () => {
    const r = parallelize(chained(), opts);
    const a = branch0(r.definition, 0);
    expect(a.A1.Default).toBe('A1NoChoiceMatched');
    expect(a.A1NoChoiceMatched).toMatchObject({ Type: 'Pass', Result: { Error: 'States.NoChoiceMatched' }, ResultPath: '$.error', Next: 'BranchAFailed' });
    expect(r.addedStates).toContain('A1NoChoiceMatched');
    expect(lintIsolation(r.definition)).toEqual([]);
    expect(validate(r.definition)).toEqual([]);
  });

  it('a group of Pass/Wait states cannot fail: its branch has only the Complete terminal', () => {
    const r = parallelize(chained(), opts);
    expect(Object.keys(branch0(r.definition, 1))).toEqual(['B1', 'B2', 'BranchBComplete']);
    expect(r.addedStates).not.toContain('BranchBFailed');
  });

  it('a Succeed in a group becomes a Pass to the Complete terminal and keeps its OutputPath', () => {
    const d = def();
    d.StartAt = 'B1';
    d.States.B2.Next = 'A1';
    delete d.States.Done;
    const r = parallelize(d, { chain: ['B1', 'B2', 'A1', 'A2'], branches: { B: ['B1', 'B2'], A: ['A1', 'A2'] } });
    expect(r.parallelState).toBe('BAParallel');
    expect((r.definition as S).States.BAParallel.Branches[1].States.A2).toEqual({ Type: 'Pass', Comment: expect.any(String), OutputPath: '$.kept', Next: 'BranchAComplete' });
    expect(validate(r.definition)).toEqual([]);
  });
});

describe('parallelize: catchers, successor and warnings', () => {
  const base = (): S => ({
    StartAt: 'A1',
    States: {
      A1: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ResultPath: '$.a', Next: 'B1' },
      B1: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ResultPath: '$.b', Next: 'After' },
      After: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { 'x.$': '$.other' }, ResultPath: '$.after', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Notify' }], Next: 'Done' },
      Done: { Type: 'Succeed' },
      Notify: { Type: 'Pass', Next: 'Done' },
    },
  });
  const opts = { chain: ['A1', 'B1'], branches: { A: ['A1'], B: ['B1'] } };

  it('a fail-soft catch to the successor stays fail-soft: it completes the branch (not FAILED)', () => {
    const d = base();
    d.States.B1.Catch = [{ ErrorEquals: ['States.TaskFailed'], ResultPath: '$.soft', Next: 'After' }];
    const b = branch0(parallelize(d, opts).definition, 1);
    expect(b.B1.Catch).toEqual([
      { ErrorEquals: ['States.TaskFailed'], ResultPath: '$.soft', Next: 'BranchBComplete' },
      { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'BranchBFailed' },
    ]);
  });

  it('a catcher that leaves the chain does not make its write a dependency; one that stays in the chain does', () => {
    const leaves = base();
    leaves.States.A1.Catch = [{ ErrorEquals: ['States.ALL'], Next: 'Notify' }]; // default ResultPath $: the whole state
    expect(parallelize(leaves, opts).parallelState).toBe('ABParallel');
    const stays = base();
    stays.States.A1.Catch = [{ ErrorEquals: ['States.ALL'], ResultPath: '$.oops', Next: 'B1' }];
    stays.States.B1.Parameters = { 'why.$': '$.oops.Cause' };
    expect(() => parallelize(stays, opts)).toThrow(expect.objectContaining({ code: 'NOT_DATA_INDEPENDENT', message: expect.stringContaining('/States/A1/Catch/0/ResultPath') }));
  });

  it('warns when a state after the join reads what a chain state wrote (not there after the rewrite)', () => {
    const d = base();
    d.States.After.Parameters = { 'x.$': '$.b.value' };
    const r = parallelize(d, opts);
    expect(r.warnings).toEqual([
      { code: 'DOWNSTREAM_READS_CHAIN_WRITE', state: 'After', field: '/States/After/Parameters/x.$', message: expect.stringContaining('chain state B1 writes ($.b)') },
    ]);
    expect(parallelize(base(), opts).warnings).toEqual([]);
  });

  it('warns when a transition skipped a later group sequentially (that group now runs regardless)', () => {
    const d = base();
    d.States.A1 = { Type: 'Choice', Choices: [{ Variable: '$.skip', BooleanEquals: true, Next: 'C1' }], Default: 'B1' };
    d.States.B1.Next = 'C1';
    d.States.C1 = { Type: 'Pass', Next: 'After' };
    const r = parallelize(d, { chain: ['A1', 'B1', 'C1'], branches: { A: ['A1'], B: ['B1'], C: ['C1'] } });
    expect(r.branches.map((b) => b.name)).toEqual(['A', 'B', 'C']);
    expect(r.warnings).toEqual([{ code: 'GROUP_SKIP_LOST', state: 'A1', field: '/States/A1/Choices/0/Next', message: expect.stringContaining('skipping group(s) B') }]);
    expect(validate(r.definition)).toEqual([]);
  });

  it('a refusal emits sf_parallelize_refused and throws; nothing is returned', () => {
    const events: SfEvent[] = [];
    expect(() => parallelize(base(), { chain: ['A1', 'Nope'], branches: { A: ['A1'], B: ['Nope'] }, emit: (e) => events.push(e) })).toThrow(ParallelizeError);
    expect(events).toEqual([{ event: 'sf_parallelize_refused', code: 'INVALID_OPTIONS', message: expect.stringContaining('Nope') }]);
  });
});
