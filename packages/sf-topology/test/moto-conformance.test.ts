import { readFileSync } from 'node:fs';
import { startMotoServer } from '@repro/test-services';
import { afterAll, describe, expect, it } from 'vitest';
import type { DiagnosticCode } from '../src/diagnostic.js';
import { lintIsolation } from '../src/isolation-lint.js';
import { parallelize } from '../src/parallelize.js';
import { validate } from '../src/validate.js';
import { type Json, motoExecutor } from './moto-executor.js';

/**
 * The README's claims about what a real ASL interpreter does, proven on moto_server 5.2.1: for every
 * diagnostic code, minimal definitions that have exactly that defect are deployed and (when accepted)
 * executed, and the observed outcome must equal the README row. A README row nobody proves, or an
 * outcome that changed, fails the test.
 */
const moto = await startMotoServer();
afterAll(() => moto?.stop());

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const STOP_AFTER_STATES = 25;
const LIST_BUCKETS = 'arn:aws:states:::aws-sdk:s3:listBuckets';
const S = { Type: 'Succeed' };
const task = (extra: Json = {}): Json => ({ Type: 'Task', Resource: LIST_BUCKETS, Parameters: {}, End: true, ...extra });
const branch = (states: Json, startAt = Object.keys(states)[0]): Json => ({ StartAt: startAt, States: states });

interface Example {
  code: DiagnosticCode;
  label: string;
  definition: Json;
  input?: Json;
}

const EXAMPLES: Example[] = [
  { code: 'MISSING_START_AT', label: 'no StartAt', definition: { States: { A: S } } },
  { code: 'DANGLING_TARGET', label: 'Next names no state', definition: { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nope' } } } },
  { code: 'DANGLING_TARGET', label: 'StartAt names no state', definition: { StartAt: 'Nope', States: { A: S } } },
  {
    code: 'BRANCH_ESCAPE',
    label: 'a branch state goes to a root state',
    definition: { StartAt: 'P', States: { P: { Type: 'Parallel', Next: 'Done', Branches: [branch({ X: { Type: 'Pass', Next: 'Done' } })] }, Done: S } },
  },
  {
    code: 'BRANCH_ESCAPE',
    label: 'a root state goes into a branch',
    definition: { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'X' }, P: { Type: 'Parallel', End: true, Branches: [branch({ X: S })] } } },
  },
  { code: 'UNREACHABLE_STATE', label: 'an orphan state', definition: { StartAt: 'A', States: { A: S, B: S } } },
  { code: 'NO_TERMINAL', label: 'two Pass states in a loop', definition: { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' } } } },
  { code: 'NEXT_AND_END', label: 'a Pass with Next and End', definition: { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B', End: true }, B: S } } },
  { code: 'MISSING_NEXT_OR_END', label: 'a Pass with neither', definition: { StartAt: 'A', States: { A: { Type: 'Pass' } } } },
  { code: 'FIELD_NOT_ALLOWED', label: 'Next on a Succeed', definition: { StartAt: 'A', States: { A: { Type: 'Succeed', Next: 'A' } } } },
  {
    code: 'FIELD_NOT_ALLOWED',
    label: 'End on a Choice',
    definition: { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'S' }], Default: 'S', End: true }, S } },
  },
  { code: 'FIELD_NOT_ALLOWED', label: 'Catch on a Pass', definition: { StartAt: 'A', States: { A: { Type: 'Pass', End: true, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'A' }] } } } },
  { code: 'FIELD_NOT_ALLOWED', label: 'Retry on a Wait', definition: { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 1, End: true, Retry: [{ ErrorEquals: ['States.ALL'] }] } } } },
  {
    code: 'FIELD_NOT_ALLOWED',
    label: 'Condition in a JSONPath Choice',
    definition: { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Condition: '{% true %}', Next: 'S' }], Default: 'S' }, S } },
  },
  { code: 'INVALID_STATE_TYPE', label: 'Type "task"', definition: { StartAt: 'A', States: { A: { Type: 'task', End: true } } } },
  { code: 'MISSING_REQUIRED_FIELD', label: 'no Type', definition: { StartAt: 'A', States: { A: { End: true } } } },
  { code: 'MISSING_REQUIRED_FIELD', label: 'a Task without Resource', definition: { StartAt: 'A', States: { A: { Type: 'Task', End: true } } } },
  { code: 'MISSING_REQUIRED_FIELD', label: 'a Parallel without Branches', definition: { StartAt: 'P', States: { P: { Type: 'Parallel', End: true } } } },
  { code: 'MISSING_REQUIRED_FIELD', label: 'a Choice without Choices', definition: { StartAt: 'C', States: { C: { Type: 'Choice', Default: 'S' }, S } } },
  { code: 'MISSING_REQUIRED_FIELD', label: 'a Map without ItemProcessor', definition: { StartAt: 'M', States: { M: { Type: 'Map', End: true } } } },
  { code: 'INVALID_JSONPATH', label: 'InputPath "x"', definition: { StartAt: 'A', States: { A: { Type: 'Pass', InputPath: 'x', End: true } } } },
  { code: 'INVALID_JSONPATH', label: 'ResultPath "$.a[*]"', definition: { StartAt: 'A', States: { A: { Type: 'Pass', ResultPath: '$.a[*]', End: true } } }, input: { a: [1] } },
  {
    code: 'INVALID_JSONPATH',
    label: 'Choice Variable "x"',
    definition: { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: 'x', IsPresent: true, Next: 'S' }], Default: 'S' }, S } },
  },
  { code: 'INVALID_JSONPATH', label: 'Parameters "x.$": "a.b"', definition: { StartAt: 'A', States: { A: { Type: 'Pass', Parameters: { 'x.$': 'a.b' }, End: true } } } },
  { code: 'INVALID_JSONPATH', label: 'ResultSelector "r.$": "Owner"', definition: { StartAt: 'T', States: { T: task({ ResultSelector: { 'r.$': 'Owner' } }) } } },
  {
    code: 'DUPLICATE_STATE_NAME',
    label: 'a branch state named like a root state',
    definition: { StartAt: 'P', States: { P: { Type: 'Parallel', Next: 'Done', Branches: [branch({ Done: S })] }, Done: S } },
  },
  {
    code: 'STATES_ALL_NOT_LAST',
    label: 'States.ALL with another error name',
    definition: { StartAt: 'T', States: { T: task({ Catch: [{ ErrorEquals: ['States.ALL', 'X'], Next: 'F' }] }), F: { Type: 'Fail' } } },
  },
  {
    code: 'STATES_ALL_NOT_LAST',
    label: 'a States.ALL catcher before another',
    definition: { StartAt: 'T', States: { T: task({ Catch: [{ ErrorEquals: ['States.ALL'], Next: 'F' }, { ErrorEquals: ['X'], Next: 'F' }] }), F: { Type: 'Fail' } } },
  },
  {
    code: 'CHOICE_NO_DEFAULT_WARNING',
    label: 'an input no rule matches',
    definition: { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'S' }] }, S } },
  },
  {
    code: 'TRAP_CYCLE_WARNING',
    label: 'a reachable loop with no exit',
    definition: {
      StartAt: 'C',
      States: { C: { Type: 'Choice', Choices: [{ Variable: '$.go', BooleanEquals: true, Next: 'L1' }], Default: 'S' }, L1: { Type: 'Pass', Next: 'L2' }, L2: { Type: 'Pass', Next: 'L1' }, S },
    },
    input: { go: true },
  },
  { code: 'INVALID_QUERY_LANGUAGE', label: 'QueryLanguage "XPath"', definition: { QueryLanguage: 'XPath', StartAt: 'A', States: { A: S } } },
  { code: 'MISSING_STATES', label: 'no States', definition: { StartAt: 'A' } },
  { code: 'INVALID_FIELD_VALUE', label: '"Next": 3', definition: { StartAt: 'A', States: { A: { Type: 'Pass', Next: 3 } } } },
  // Last, on purpose: moto 5.2.1's parser keeps the JSONata context after rejecting this downgrade (even
  // across /moto-api/reset), and then rejects every JSONPath `Parameters` it is given.
  {
    code: 'INVALID_QUERY_LANGUAGE',
    label: 'a JSONPath state in a JSONata machine',
    definition: { QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Pass', QueryLanguage: 'JSONPath', End: true } } },
  },
];

/** The README rows of the table under "What moto_server does with each defect": code, example, outcome. */
function readmeRows(): { code: string; label: string; outcome: string }[] {
  const section = README.split(/^### What moto_server does with each defect$/m)[1];
  if (section === undefined) throw new Error('README.md has no "### What moto_server does with each defect" section');
  const rows: { code: string; label: string; outcome: string }[] = [];
  for (const line of section.split('\n').slice(1)) {
    if (line.startsWith('#')) break;
    const m = /^\| `([A-Z_]+)` \| (.+?) \| (.+?) \|$/.exec(line);
    if (m) rows.push({ code: m[1]!, label: m[2]!.replace(/\\\|/g, '|'), outcome: m[3]! });
  }
  return rows;
}

describe.skipIf(moto === null)('what a real ASL interpreter does with each defect (moto_server 5.2.1)', () => {
  const executor = moto ? motoExecutor(moto) : null;

  async function outcome(definition: Json, input: Json): Promise<string> {
    await executor!.fresh();
    let arn: string;
    try {
      arn = await executor!.create(definition);
    } catch (error) {
      expect(String(error)).toContain('CreateStateMachine');
      return 'rejected by CreateStateMachine';
    }
    const run = await executor!.run(arn, input, STOP_AFTER_STATES);
    if (run.status === 'ABORTED') return `accepted; never ends (stopped after ${STOP_AFTER_STATES} states)`;
    if (run.status === 'FAILED') return run.error ? `accepted; execution FAILED with ${run.error}` : 'accepted; execution FAILED';
    return `accepted; execution ${run.status}`;
  }

  it('each example has exactly the defect it stands for (our validate() says so)', () => {
    for (const e of EXAMPLES) {
      const codes = validate(e.definition).map((d) => d.code);
      expect(codes, `${e.code} / ${e.label}`).toContain(e.code);
    }
  });

  it('a Parallel whose branch throws fails with that error and cancels its sibling (what SIBLING_CANCEL_HAZARD warns of)', async () => {
    const naive = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Next: 'Done',
          Branches: [branch({ Boom: { Type: 'Fail', Error: 'ResearchFailed', Cause: 'strict research' } }), branch({ W: { Type: 'Wait', Seconds: 2, Next: 'Late' }, Late: { Type: 'Pass', End: true } })],
        },
        Done: S,
      },
    };
    expect(lintIsolation(naive).map((d) => d.code)).toEqual(['SIBLING_CANCEL_HAZARD']);
    const run = await executor!.execute(naive, {});
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('ResearchFailed');
    expect(run.entered).not.toContain('Late');
    expect(run.entered).not.toContain('Done');
  });

  it('States.ALL does not catch States.Runtime: a bad path escapes a catch-all (the README limitation)', async () => {
    const def = {
      StartAt: 'T',
      States: { T: task({ InputPath: '$.missing.deep', End: undefined, Next: 'S', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }] }), S, Caught: { Type: 'Pass', End: true } },
    };
    const run = await executor!.execute(def, {});
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('States.Runtime');
    expect(run.entered).not.toContain('Caught');
  });

  it('an indexed path like $.x[0].status reads a list, not the value: why the post-join logic never uses one', async () => {
    const pass = await executor!.execute({ StartAt: 'A', States: { A: { Type: 'Pass', Parameters: { 'v.$': '$.x[0].status' }, End: true } } }, { x: [{ status: 'OK' }] });
    expect(JSON.parse(pass.output!)).toEqual({ v: ['OK'] });
    const choice = await executor!.execute(
      { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.x[0].status', StringEquals: 'OK', Next: 'Y' }], Default: 'N' }, Y: S, N: { Type: 'Fail', Error: 'NotMatched' } } },
      { x: [{ status: 'OK' }] },
    );
    expect(choice.error).toBe('NotMatched');
    // what parallelize emits instead: ResultSelector {"A.$": "$[0]"}, then a plain path
    const selected = await executor!.execute(
      { StartAt: 'A', States: { A: { Type: 'Pass', Parameters: { 'A.$': '$.x[0]' }, ResultPath: '$.r', Next: 'C' }, C: { Type: 'Choice', Choices: [{ Variable: '$.r.A.status', StringEquals: 'OK', Next: 'Y' }], Default: 'N' }, Y: S, N: { Type: 'Fail' } } },
      { x: [{ status: 'OK' }] },
    );
    expect(selected.status).toBe('SUCCEEDED');
  });

  it('the JSONata rewrite is accepted by stock moto_server (it is run end to end in moto-jsonata-proof.test.ts)', async () => {
    const jsonataMachine = {
      QueryLanguage: 'JSONata',
      StartAt: 'A1',
      States: {
        A1: { Type: 'Task', Resource: LIST_BUCKETS, Arguments: {}, Output: '{% $states.input %}', Assign: { a1: '{% $states.result %}' }, Next: 'B1' },
        B1: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.bad = true %}', Next: 'Boom' }], Default: 'B2' },
        B2: { Type: 'Pass', Next: 'After' },
        Boom: { Type: 'Fail', Error: 'Bad' },
        After: S,
      },
    };
    const { definition } = parallelize(jsonataMachine, { chain: ['A1', 'B1', 'B2'], branches: { A: ['A1'], B: ['B1', 'B2'] } });
    expect(validate(definition)).toEqual([]);
    await executor!.fresh();
    await expect(executor!.create(definition)).resolves.toMatch(/^arn:aws:states:/);
  });

  // Last: one of its examples leaves moto's parser in the JSONata context (see EXAMPLES).
  it('every README row is proven and every outcome matches', async () => {
    const observed: { code: string; label: string; outcome: string }[] = [];
    for (const e of EXAMPLES) observed.push({ code: e.code, label: e.label, outcome: await outcome(e.definition, e.input ?? {}) });
    expect(readmeRows()).toEqual(observed);
  });
});
