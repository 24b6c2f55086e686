import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { lintIsolation } from './isolation-lint.js';
import { parallelize } from './parallelize.js';
import { ParallelizeError } from './parallelize-error.js';
import { validate } from './validate.js';

// biome-ignore lint/suspicious/noExplicitAny: definitions are free-form JSON in these assertions
type S = Record<string, any>;

/** The `simple` machine of parallelize.test.ts, written in JSONata: variables and $merge instead of ResultPath. */
const jsonataMachine = (): S => ({
  QueryLanguage: 'JSONata',
  StartAt: 'Prep',
  States: {
    Prep: { Type: 'Pass', Next: 'A1' },
    A1: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Assign: { a1: '{% $states.result %}' }, Output: '{% $states.input %}', Next: 'A2' },
    A2: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Output: "{% $merge([$states.input, {'a2': $states.result}]) %}",
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Notify' }],
      Next: 'B1',
    },
    B1: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.bad = true %}', Next: 'Notify' }], Default: 'B2' },
    B2: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Output: '{% $states.input %}', Assign: { b2: '{% $states.result %}' }, Next: 'After' },
    After: { Type: 'Succeed' },
    Notify: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Next: 'Boom' },
    Boom: { Type: 'Fail', Error: 'X' },
  },
});
const opts = { chain: ['A1', 'A2', 'B1', 'B2'], branches: { A: ['A1', 'A2'], B: ['B1', 'B2'] } };

/** Evaluate a generated `{% … %}` field with the reference JSONata (2.0.6, the version AWS implements). */
async function evaluate(field: unknown, states: S): Promise<unknown> {
  expect(typeof field).toBe('string');
  const body = /^\{%([\s\S]*)%\}$/.exec(field as string)?.[1];
  expect(body).toBeDefined();
  return jsonata(body!).evaluate(null, { states });
}

describe('parallelize a machine whose top-level QueryLanguage is JSONata', () => {
  const result = () => parallelize(jsonataMachine(), opts);
  const top = () => result().definition as S;

  it('is accepted, and the output is valid and hazard-free', () => {
    expect(validate(top())).toEqual([]);
    expect(lintIsolation(top())).toEqual([]);
    expect(top().QueryLanguage).toBe('JSONata');
  });

  it('writes every generated state in JSONata: no JSONPath field anywhere in the output', () => {
    const text = JSON.stringify(top());
    for (const field of ['"ResultPath"', '"ResultSelector"', '"Parameters"', '"InputPath"', '"OutputPath"', '"Variable"', '"Result"']) expect(text).not.toContain(field);
    const p = top().States.ABParallel;
    expect(p).toMatchObject({ Type: 'Parallel', Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 0 }], Next: 'AggregateBranchOutcomes' });
    expect(p.Catch).toEqual([{ ErrorEquals: ['States.ALL'], Output: expect.stringContaining('$states.errorOutput'), Next: 'ABParallelFailed' }]);
    expect(top().States.CheckBranchOutcomes.Choices.map((c: S) => Object.keys(c).sort())).toEqual([
      ['Condition', 'Next'],
      ['Condition', 'Next'],
    ]);
  });

  it('keeps each group: final catchers merge the error into the state; the failure exits go to the FAILED terminal', () => {
    const a = top().States.ABParallel.Branches[0].States;
    const b = top().States.ABParallel.Branches[1].States;
    expect(a.A1.Catch).toEqual([{ ErrorEquals: ['States.ALL'], Output: "{% $merge([$states.input, {\"error\": $states.errorOutput}]) %}", Next: 'BranchAFailed' }]);
    expect(a.A2.Catch).toEqual([{ ErrorEquals: ['States.ALL'], Next: 'BranchAFailed', Output: "{% $merge([$states.input, {\"error\": $states.errorOutput}]) %}" }]);
    expect(a.A2.Output).toBe(jsonataMachine().States.A2.Output);
    expect(b.B1.Choices[0].Next).toBe('BranchBFailed');
    expect(b.B2.Next).toBe('BranchBComplete');
  });

  it('the generated expressions compute the isolation (evaluated with the reference JSONata)', async () => {
    const st = top().States;
    const a = st.ABParallel.Branches[0].States;
    const input = { run: 7 };
    // a caught error keeps the state and records the error at $.error
    const caught = await evaluate(a.A1.Catch[0].Output, { input, errorOutput: { Error: 'E', Cause: 'c' } });
    expect(caught).toEqual({ run: 7, error: { Error: 'E', Cause: 'c' } });
    // the terminals record OK / FAILED as data
    const failed = await evaluate(a.BranchAFailed.Output, { input: caught });
    expect(failed).toEqual({ run: 7, error: { Error: 'E', Cause: 'c' }, branch_a_status: 'FAILED' });
    const ok = await evaluate(st.ABParallel.Branches[1].States.BranchBComplete.Output, { input });
    expect(ok).toEqual({ run: 7, branch_b_status: 'OK' });
    // the Parallel keeps its input and names each branch output
    const joined = await evaluate(st.ABParallel.Output, { input, result: [failed, ok] });
    expect(joined).toEqual({ run: 7, parallel_result: { A: failed, B: ok } });
    // the aggregate hoists the statuses
    const aggregated = (await evaluate(st.AggregateBranchOutcomes.Output, { input: joined })) as S;
    expect(aggregated).toEqual({ run: 7, parallel_result: { A: 'FAILED', B: 'OK' } });
    // the Choice sends A's FAILED to A's failure target, not B's
    const [ruleA, ruleB] = st.CheckBranchOutcomes.Choices;
    expect(await evaluate(ruleA.Condition, { input: aggregated })).toBe(true);
    expect(await evaluate(ruleB.Condition, { input: aggregated })).toBe(false);
    expect(ruleA.Next).toBe('ABParallelBranchAFailed');
    expect(st.ABParallelBranchAFailed).toEqual({ Type: 'Fail', Error: 'ParallelBranchFailed', Cause: 'branch A (StartAt A1) of ABParallel recorded FAILED' });
    // both OK: no rule matches, the Default (the old successor) runs
    const okA = await evaluate(a.BranchAComplete.Output, { input });
    const bothJoined = await evaluate(st.ABParallel.Output, { input, result: [okA, ok] });
    const allOk = (await evaluate(st.AggregateBranchOutcomes.Output, { input: bothJoined })) as S;
    expect(allOk).toEqual({ run: 7, parallel_result: { A: 'OK', B: 'OK' } });
    expect(await evaluate(ruleA.Condition, { input: allOk })).toBe(false);
    expect(await evaluate(ruleB.Condition, { input: allOk })).toBe(false);
    expect(st.CheckBranchOutcomes.Default).toBe('After');
  });

  it('with a failure handler, the handoff Pass names the branch in $.error and keeps the state', async () => {
    const st = parallelize(jsonataMachine(), { ...opts, failureHandler: 'Notify' }).definition as S;
    const handoff = await evaluate(st.States.ExtractBBranchError.Output, { input: { run: 7 } });
    expect(handoff).toEqual({ run: 7, error: { Error: 'ParallelBranchFailed', Cause: 'branch B (StartAt B1) of ABParallel recorded FAILED' } });
    expect(st.States.ExtractBBranchError.Next).toBe('Notify');
  });

  it('a Fail state in a group becomes a Pass that evaluates its JSONata Error/Cause into $.error', async () => {
    const def = jsonataMachine();
    def.States.B1.Choices[0].Next = 'B3';
    def.States.B3 = { Type: 'Fail', Error: "{% 'Bad' & $states.input.kind %}", Cause: 'static cause' };
    const st = parallelize(def, { chain: ['A1', 'A2', 'B1', 'B3', 'B2'], branches: { A: ['A1', 'A2'], B: ['B1', 'B3', 'B2'] } }).definition as S;
    const converted = st.States.ABParallel.Branches[1].States.B3;
    expect(converted).toMatchObject({ Type: 'Pass', Next: 'BranchBFailed' });
    expect(await evaluate(converted.Output, { input: { kind: 'Input' } })).toEqual({ kind: 'Input', error: { Error: 'BadInput', Cause: 'static cause' } });
  });

  it('data independence reads JSONata: a variable one group assigns, or a path under a whole-state result, is a dependency', () => {
    const variable = jsonataMachine();
    variable.States.B2.Arguments = { x: '{% $a1 %}' };
    expect(() => parallelize(variable, opts)).toThrow(expect.objectContaining({ code: 'NOT_DATA_INDEPENDENT', message: expect.stringContaining('$a1') }));
    const wholeState = jsonataMachine();
    delete wholeState.States.A1.Output; // the task result now replaces the state
    const e = (() => {
      try {
        parallelize(wholeState, opts);
      } catch (error) {
        return error as ParallelizeError;
      }
      throw new Error('not refused');
    })();
    expect(e.code).toBe('NOT_DATA_INDEPENDENT');
    expect(e.message).toContain('B1 reads $.bad');
  });

  it('$merge Output writes only its keys: reading a sibling key is independent, reading the key is not', () => {
    const sibling = jsonataMachine();
    sibling.States.B2.Arguments = { x: '{% $states.input.a3 %}' };
    expect(parallelize(sibling, opts).parallelState).toBe('ABParallel');
    const same = jsonataMachine();
    same.States.B2.Arguments = { x: '{% $states.input.a2.id %}' };
    expect(() => parallelize(same, opts)).toThrow(ParallelizeError);
  });
});

describe('parallelize: JSONata states inside a JSONPath machine', () => {
  it('a JSONata Fail in a group becomes a JSONata Pass (it says so), the rest of the rewrite stays JSONPath', () => {
    const def: S = {
      StartAt: 'A1',
      States: {
        A1: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ResultPath: '$.a', Next: 'B1' },
        B1: { Type: 'Pass', Next: 'B2' },
        B2: { Type: 'Fail', QueryLanguage: 'JSONata', Error: '{% $states.input.kind %}' },
      },
    };
    const st = parallelize(def, { chain: ['A1', 'B1', 'B2'], branches: { A: ['A1'], B: ['B1', 'B2'] } }).definition as S;
    expect(validate(st)).toEqual([]);
    expect(st.States.ABParallel.Branches[1].States.B2).toMatchObject({ Type: 'Pass', QueryLanguage: 'JSONata', Next: 'BranchBFailed' });
    // branch B always fails: its Complete terminal is left out (nothing reaches it)
    expect(Object.keys(st.States.ABParallel.Branches[1].States)).toEqual(['B1', 'B2', 'BranchBFailed']);
    expect(st.States.ABParallel.ResultPath).toBe('$.parallel_result');
  });
});
