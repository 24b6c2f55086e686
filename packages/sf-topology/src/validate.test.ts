import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, DiagnosticCode } from './diagnostic.js';
import { validate } from './validate.js';

type Def = Record<string, unknown>;
const at = (def: Def, code: DiagnosticCode): string[] => validate(def).filter((d) => d.code === code).map((d) => d.path);
const codes = (def: Def): DiagnosticCode[] => validate(def).map((d) => d.code);
const machine = (states: Def, extra: Def = {}): Def => ({ StartAt: Object.keys(states)[0], States: states, ...extra });
const task = (next: Def = { End: true }): Def => ({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ...next });

describe('validate: a clean machine', () => {
  it('reports nothing for a linear Task → Choice → Succeed/Fail machine', () => {
    const def = machine({
      A: task({ Next: 'C' }),
      C: { Type: 'Choice', Choices: [{ Variable: '$.ok', BooleanEquals: true, Next: 'Done' }], Default: 'Bad' },
      Done: { Type: 'Succeed' },
      Bad: { Type: 'Fail', Error: 'E' },
    });
    expect(validate(def)).toEqual([]);
  });

  it('every diagnostic has the contract shape', () => {
    const d: Diagnostic[] = validate({ States: { A: { Type: 'Nope' } } });
    expect(d.length).toBeGreaterThan(0);
    for (const x of d) expect(Object.keys(x).sort()).toEqual(['code', 'message', 'path', 'severity']);
  });
});

describe('MISSING_START_AT', () => {
  it('flags the root and a branch without StartAt at <scope>/StartAt', () => {
    const def = {
      States: {
        P: { Type: 'Parallel', End: true, Branches: [{ States: { X: { Type: 'Succeed' } } }] },
      },
    };
    expect(at(def, 'MISSING_START_AT')).toEqual(['/StartAt', '/States/P/Branches/0/StartAt']);
  });
  it('does not fire when StartAt is present, and UNREACHABLE_STATE is not computed without it', () => {
    expect(at(machine({ A: { Type: 'Succeed' } }), 'MISSING_START_AT')).toEqual([]);
    expect(at({ States: { A: { Type: 'Succeed' }, B: { Type: 'Succeed' } } }, 'UNREACHABLE_STATE')).toEqual([]);
  });
});

describe('DANGLING_TARGET and BRANCH_ESCAPE', () => {
  it('reports every kind of field that names a missing state', () => {
    const def = machine({
      A: { ...task({ Next: 'Nope1' }), Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Nope2' }] },
      C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'Nope3' }], Default: 'Nope4' },
    });
    expect(at(def, 'DANGLING_TARGET')).toEqual(['/States/A/Next', '/States/A/Catch/0/Next', '/States/C/Choices/0/Next', '/States/C/Default']);
  });
  it('a StartAt naming a missing state is DANGLING at …/StartAt and stops reachability for that scope', () => {
    const def = { StartAt: 'Nope', States: { A: { Type: 'Succeed' } } };
    expect(at(def, 'DANGLING_TARGET')).toEqual(['/StartAt']);
    expect(at(def, 'UNREACHABLE_STATE')).toEqual([]);
  });
  it('escapes inner→outer, outer→inner, across branches and out of a Map processor are BRANCH_ESCAPE, not DANGLING', () => {
    const def = machine({
      Start: { Type: 'Pass', Next: 'InA' },
      P: {
        Type: 'Parallel',
        End: true,
        Branches: [
          { StartAt: 'InA', States: { InA: { Type: 'Pass', Next: 'InB' } } },
          { StartAt: 'InB', States: { InB: { Type: 'Pass', Next: 'Start' } } },
        ],
      },
      M: { Type: 'Map', End: true, ItemProcessor: { StartAt: 'Item', States: { Item: { Type: 'Pass', Next: 'P' } } } },
    });
    expect(at(def, 'BRANCH_ESCAPE')).toEqual(['/States/Start/Next', '/States/P/Branches/0/States/InA/Next', '/States/P/Branches/1/States/InB/Next', '/States/M/ItemProcessor/States/Item/Next']);
    expect(at(def, 'DANGLING_TARGET')).toEqual([]);
  });
  it('a branch StartAt naming an outer state is BRANCH_ESCAPE at the branch StartAt', () => {
    const def = machine({ P: { Type: 'Parallel', Next: 'Done', Branches: [{ StartAt: 'Done', States: { X: { Type: 'Succeed' } } }] }, Done: { Type: 'Succeed' } });
    expect(at(def, 'BRANCH_ESCAPE')).toEqual(['/States/P/Branches/0/StartAt']);
  });
  it('cascades: a state only reached through a dangling or escaping transition is unreachable', () => {
    const def = machine({ A: { Type: 'Pass', Next: 'Nope' }, B: { Type: 'Pass', Next: 'C' }, C: { Type: 'Succeed' } });
    expect(at(def, 'DANGLING_TARGET')).toEqual(['/States/A/Next']);
    expect(at(def, 'UNREACHABLE_STATE')).toEqual(['/States/B', '/States/C']);
  });
  it('cascades through an escape too: a state only reached through a BRANCH_ESCAPE is unreachable', () => {
    const def = machine({
      P: { Type: 'Parallel', Next: 'Done', Branches: [{ StartAt: 'X', States: { X: { Type: 'Pass', Next: 'Done' }, Y: { Type: 'Succeed' } } }] },
      Done: { Type: 'Succeed' },
    });
    expect(at(def, 'BRANCH_ESCAPE')).toEqual(['/States/P/Branches/0/States/X/Next']);
    expect(at(def, 'UNREACHABLE_STATE')).toEqual(['/States/P/Branches/0/States/Y']);
  });
  it('a target written in a forbidden field is not an edge (no DANGLING for it)', () => {
    const def = machine({ A: { Type: 'Succeed', Next: 'Nope' } });
    expect(at(def, 'DANGLING_TARGET')).toEqual([]);
    expect(at(def, 'FIELD_NOT_ALLOWED')).toEqual(['/States/A/Next']);
  });
});

describe('RFC 6901 escaping', () => {
  it('escapes ~ as ~0 and / as ~1 in state names', () => {
    const def = machine({ 'a/b': { Type: 'Pass', Next: 'c~d' }, 'c~d': { Type: 'Pass', Next: 'x/y~z' } });
    expect(at(def, 'DANGLING_TARGET')).toEqual(['/States/c~0d/Next']);
    const unreachable = machine({ S: { Type: 'Succeed' }, 'a/b~': { Type: 'Succeed' } });
    expect(at(unreachable, 'UNREACHABLE_STATE')).toEqual(['/States/a~1b~0']);
  });
});

describe('UNREACHABLE_STATE', () => {
  it('an orphan cycle is unreachable even though every state in it has an inbound edge', () => {
    const def = machine({ A: { Type: 'Succeed' }, X: { Type: 'Pass', Next: 'Y' }, Y: { Type: 'Pass', Next: 'X' } });
    expect(at(def, 'UNREACHABLE_STATE')).toEqual(['/States/X', '/States/Y']);
  });
  it('an unreachable Parallel is reported once, not its branch states as well', () => {
    const def = machine({
      A: { Type: 'Succeed' },
      P: { Type: 'Parallel', End: true, Branches: [{ StartAt: 'I', States: { I: { Type: 'Succeed' }, J: { Type: 'Succeed' } } }] },
    });
    expect(at(def, 'UNREACHABLE_STATE')).toEqual(['/States/P']);
  });
  it('inside a reachable Parallel, an unreachable branch state is reported', () => {
    const def = machine({
      P: { Type: 'Parallel', End: true, Branches: [{ StartAt: 'I', States: { I: { Type: 'Succeed' }, J: { Type: 'Succeed' } } }] },
    });
    expect(at(def, 'UNREACHABLE_STATE')).toEqual(['/States/P/Branches/0/States/J']);
  });
  it('Catch edges make states reachable', () => {
    const def = machine({ A: { ...task(), Catch: [{ ErrorEquals: ['States.ALL'], Next: 'F' }] }, F: { Type: 'Fail' } });
    expect(at(def, 'UNREACHABLE_STATE')).toEqual([]);
  });
});

describe('NO_TERMINAL', () => {
  it('flags <scope>/States when no Succeed, Fail or End:true exists (End:false does not count)', () => {
    const def = machine({ A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A', End: false } });
    expect(at(def, 'NO_TERMINAL')).toEqual(['/States']);
    const branch = machine({ P: { Type: 'Parallel', End: true, Branches: [{ StartAt: 'L', States: { L: { Type: 'Wait', Seconds: 1, Next: 'L' } } }] } });
    expect(at(branch, 'NO_TERMINAL')).toEqual(['/States/P/Branches/0/States']);
  });
  it('does not fire when a Fail is the only terminal', () => {
    expect(at(machine({ A: { Type: 'Fail' } }), 'NO_TERMINAL')).toEqual([]);
  });
});

describe('NEXT_AND_END / MISSING_NEXT_OR_END', () => {
  it('both Next and End:true is NEXT_AND_END on the state, and Next is still followed', () => {
    const def = machine({ A: { Type: 'Pass', Next: 'B', End: true }, B: { Type: 'Succeed' } });
    expect(at(def, 'NEXT_AND_END')).toEqual(['/States/A']);
    expect(at(def, 'UNREACHABLE_STATE')).toEqual([]);
  });
  it('neither (End:false is not End) is MISSING_NEXT_OR_END for Pass/Task/Wait/Parallel/Map and untyped states', () => {
    const def = machine({
      A: { Type: 'Pass', End: false },
      T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke' },
      W: { Type: 'Wait', Seconds: 1 },
      P: { Type: 'Parallel', Branches: [{ StartAt: 'PB', States: { PB: { Type: 'Succeed' } } }] },
      M: { Type: 'Map', ItemProcessor: { StartAt: 'MI', States: { MI: { Type: 'Succeed' } } } },
      U: { Comment: 'no type' },
      S: { Type: 'Succeed' },
      C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'S' }], Default: 'S' },
    });
    expect(at(def, 'MISSING_NEXT_OR_END')).toEqual(['/States/A', '/States/T', '/States/W', '/States/P', '/States/M', '/States/U']);
  });
  it('an untyped state with Next follows it (no cascade)', () => {
    const def = machine({ A: { Next: 'B' }, B: { Type: 'Succeed' } });
    expect(at(def, 'UNREACHABLE_STATE')).toEqual([]);
    expect(at(def, 'MISSING_REQUIRED_FIELD')).toEqual(['/States/A/Type']);
  });
});

describe('FIELD_NOT_ALLOWED', () => {
  const minimal: Record<string, Def> = {
    Succeed: { Type: 'Succeed' },
    Fail: { Type: 'Fail' },
    Choice: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'Z' }], Default: 'Z' },
    Pass: { Type: 'Pass', Next: 'Z' },
    Wait: { Type: 'Wait', Seconds: 1, Next: 'Z' },
  };
  const contract: [string, string][] = [
    ...['Succeed', 'Fail', 'Choice'].flatMap((t) => ['Next', 'End'].map((f): [string, string] => [t, f])),
    ...['Pass', 'Wait', 'Choice', 'Succeed', 'Fail'].flatMap((t) => ['Catch', 'Retry'].map((f): [string, string] => [t, f])),
  ];
  it.each(contract)('the contract minimum: %s may not have %s (reported at the field, and only there)', (type, field) => {
    const value = field === 'Next' ? 'Z' : field === 'End' ? true : field === 'Retry' ? [{ ErrorEquals: ['States.ALL'] }] : [{ ErrorEquals: ['States.ALL'], Next: 'Z' }];
    const def = machine({ A: { ...minimal[type], [field]: value }, Z: { Type: 'Succeed' } });
    expect(at(def, 'FIELD_NOT_ALLOWED')).toEqual([`/States/A/${field}`]);
    expect(at(machine({ A: minimal[type]!, Z: { Type: 'Succeed' } }), 'FIELD_NOT_ALLOWED')).toEqual([]);
  });
  it('the rules come from the typed model: a Map takes no Arguments, a Succeed no Assign, a Fail no InputPath', () => {
    const def = machine(
      {
        M: { Type: 'Map', Arguments: {}, ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Succeed' } } }, Next: 'S' },
        S: { Type: 'Succeed', Assign: { x: 1 } },
        F: { Type: 'Fail', InputPath: '$' },
      },
      { QueryLanguage: 'JSONata' },
    );
    expect(at(def, 'FIELD_NOT_ALLOWED')).toEqual(['/States/M/Arguments', '/States/S/Assign', '/States/F/InputPath']);
  });
  it('a JSONPath Choice rule may not hold a Condition, a JSONata rule may not hold a Variable', () => {
    const jsonPath = machine({ C: { Type: 'Choice', Choices: [{ Condition: '{% true %}', Next: 'S' }], Default: 'S' }, S: { Type: 'Succeed' } });
    expect(at(jsonPath, 'FIELD_NOT_ALLOWED')).toEqual(['/States/C/Choices/0/Condition']);
    const jsonata = machine({ C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'S' }], Default: 'S' }, S: { Type: 'Succeed' } }, { QueryLanguage: 'JSONata' });
    expect(at(jsonata, 'FIELD_NOT_ALLOWED')).toEqual(['/States/C/Choices/0/Variable', '/States/C/Choices/0/IsPresent']);
  });
  it('Next/End on Succeed/Fail/Choice and Catch/Retry on Pass/Wait/Choice/Succeed/Fail, at the field', () => {
    const def = machine({
      S: { Type: 'Succeed', Next: 'F', End: true },
      F: { Type: 'Fail', Retry: [], Catch: [] },
      C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'S' }], Default: 'S', End: true },
      P: { Type: 'Pass', End: true, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'S' }] },
      W: { Type: 'Wait', Seconds: 1, End: true, Retry: [] },
    });
    expect(at(def, 'FIELD_NOT_ALLOWED')).toEqual(['/States/S/Next', '/States/S/End', '/States/F/Retry', '/States/F/Catch', '/States/C/End', '/States/P/Catch', '/States/W/Retry']);
  });
  it('JSONPath-only fields in a JSONata state, and Arguments in a JSONPath state', () => {
    const def = machine({
      A: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', QueryLanguage: 'JSONata', InputPath: '$.x', Arguments: {}, End: true },
      B: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: {}, End: true },
    });
    expect(at(def, 'FIELD_NOT_ALLOWED')).toEqual(['/States/A/InputPath', '/States/B/Arguments']);
  });
  it('a field no state defines is UNKNOWN_FIELD (not FIELD_NOT_ALLOWED), at the field', () => {
    expect(codes(machine({ A: { Type: 'Succeed', 'x-owner': 'team' } }))).toEqual(['UNKNOWN_FIELD']);
    expect(at(machine({ A: { Type: 'Succeed', 'x-owner': 'team' } }), 'UNKNOWN_FIELD')).toEqual(['/States/A/x-owner']);
  });
});

describe('INVALID_STATE_TYPE / MISSING_REQUIRED_FIELD', () => {
  it('Type is case-sensitive and must be one of the eight', () => {
    const def = machine({ A: { Type: 'task', End: true }, B: { Type: 'Succeed' } });
    expect(at(def, 'INVALID_STATE_TYPE')).toEqual(['/States/A/Type']);
    expect(at(machine({ A: { Type: 'Succeed' } }), 'INVALID_STATE_TYPE')).toEqual([]);
  });
  it('reports the missing field: Type, Resource, Branches, Choices, and ItemProcessor for a Map with neither', () => {
    const def = machine({
      U: { Next: 'T' },
      T: { Type: 'Task', Next: 'P' },
      P: { Type: 'Parallel', Next: 'C' },
      C: { Type: 'Choice', Default: 'M' },
      M: { Type: 'Map', End: true },
    });
    expect(at(def, 'MISSING_REQUIRED_FIELD')).toEqual(['/States/U/Type', '/States/T/Resource', '/States/P/Branches', '/States/C/Choices', '/States/M/ItemProcessor']);
  });
  it('a legacy Iterator satisfies Map', () => {
    const def = machine({ M: { Type: 'Map', End: true, Iterator: { StartAt: 'I', States: { I: { Type: 'Succeed' } } } } });
    expect(validate(def)).toEqual([]);
  });
});

describe('INVALID_JSONPATH', () => {
  it('Input/OutputPath must be null or $…; ResultPath a reference path', () => {
    const def = machine({
      A: { Type: 'Pass', InputPath: 'x', OutputPath: null, ResultPath: '$.a..b', Next: 'B' },
      B: { Type: 'Pass', ResultPath: '$.list[*]', Next: 'C' },
      C: { Type: 'Pass', ResultPath: '$.a[0:2]', Next: 'D' },
      D: { Type: 'Pass', ResultPath: "$['a'].b[3]", OutputPath: '$.ok', Next: 'E' },
      E: { Type: 'Pass', ResultPath: '$.x[?(@.y)]', Next: 'F' },
      F: { Type: 'Pass', ResultPath: '$[0,1]', Next: 'G' },
      G: { Type: 'Pass', ResultPath: null, End: true },
    });
    expect(at(def, 'INVALID_JSONPATH')).toEqual(['/States/A/InputPath', '/States/A/ResultPath', '/States/B/ResultPath', '/States/C/ResultPath', '/States/E/ResultPath', '/States/F/ResultPath']);
  });
  it('Choice Variable is checked inside And/Or/Not too', () => {
    const def = machine({
      C: {
        Type: 'Choice',
        Choices: [{ And: [{ Variable: '$.ok', IsPresent: true }, { Not: { Variable: 'bad', StringEquals: 'x' } }], Next: 'S' }, { Or: [{ Variable: 'worse', IsNull: true }], Next: 'S' }],
        Default: 'S',
      },
      S: { Type: 'Succeed' },
    });
    expect(at(def, 'INVALID_JSONPATH')).toEqual(['/States/C/Choices/0/And/1/Not/Variable', '/States/C/Choices/1/Or/0/Variable']);
  });
  it('a .$ key must hold $… or an intrinsic; the path is the key itself', () => {
    const def = machine({
      T: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { 'ok.$': '$.a', 'fn.$': "States.Format('{}', $.a)", 'bad.$': 'a.b', nested: { 'x/y.$': 3 }, list: [{ 'z.$': 'nope' }] },
        ResultSelector: { 'r.$': 'Payload' },
        End: true,
      },
    });
    expect(at(def, 'INVALID_JSONPATH')).toEqual(['/States/T/Parameters/bad.$', '/States/T/Parameters/nested/x~1y.$', '/States/T/Parameters/list/0/z.$', '/States/T/ResultSelector/r.$']);
  });
  it('a .$ key in a Map ItemSelector is checked too; context paths ($$…) and variables ($v) are paths', () => {
    const def = machine({
      M: { Type: 'Map', ItemSelector: { 'item.$': '$$.Map.Item.Value', 'v.$': '$token', 'bad.$': 'Map.Item' }, ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Succeed' } } }, End: true },
    });
    expect(at(def, 'INVALID_JSONPATH')).toEqual(['/States/M/ItemSelector/bad.$']);
  });
  it('JSONata states are not checked for JSONPath', () => {
    const def = machine({ C: { Type: 'Choice', QueryLanguage: 'JSONata', Choices: [{ Condition: '{% true %}', Next: 'S' }], Default: 'S' }, S: { Type: 'Succeed' } }, {});
    expect(at(def, 'INVALID_JSONPATH')).toEqual([]);
    const top = { QueryLanguage: 'JSONata', StartAt: 'P', States: { P: { Type: 'Pass', Output: '{% $states.input %}', End: true } } };
    expect(validate(top)).toEqual([]);
  });
});

describe('DUPLICATE_STATE_NAME', () => {
  it('reports every occurrence across States objects', () => {
    const def = machine({
      X: { Type: 'Parallel', Next: 'Done', Branches: [{ StartAt: 'Done', States: { Done: { Type: 'Succeed' } } }] },
      Done: { Type: 'Succeed' },
    });
    expect(at(def, 'DUPLICATE_STATE_NAME')).toEqual(['/States/Done', '/States/X/Branches/0/States/Done']);
  });
  it('does not fire for distinct names', () => {
    expect(at(machine({ A: { Type: 'Parallel', End: true, Branches: [{ StartAt: 'B', States: { B: { Type: 'Succeed' } } }] } }), 'DUPLICATE_STATE_NAME')).toEqual([]);
  });
});

describe('STATES_ALL_NOT_LAST', () => {
  it('States.ALL must be alone and in the last retrier / catcher', () => {
    const def = machine({
      T: {
        ...task(),
        Retry: [{ ErrorEquals: ['States.ALL'] }, { ErrorEquals: ['X'] }],
        Catch: [{ ErrorEquals: ['States.ALL', 'Y'], Next: 'F' }],
      },
      F: { Type: 'Fail' },
    });
    expect(at(def, 'STATES_ALL_NOT_LAST')).toEqual(['/States/T/Retry/0/ErrorEquals', '/States/T/Catch/0/ErrorEquals']);
  });
  it('a final, lone States.ALL is fine', () => {
    const def = machine({ T: { ...task(), Catch: [{ ErrorEquals: ['X'], Next: 'F' }, { ErrorEquals: ['States.ALL'], Next: 'F' }] }, F: { Type: 'Fail' } });
    expect(at(def, 'STATES_ALL_NOT_LAST')).toEqual([]);
  });
});

describe('CHOICE_NO_DEFAULT_WARNING', () => {
  it('is a warning on the Choice state, and the machine stays valid', () => {
    const def = machine({ C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'S' }] }, S: { Type: 'Succeed' } });
    expect(validate(def)).toEqual([expect.objectContaining({ code: 'CHOICE_NO_DEFAULT_WARNING', severity: 'warning', path: '/States/C' })]);
  });
});

describe('TRAP_CYCLE_WARNING', () => {
  it('a reachable loop with no exit to a terminal is flagged on each of its states', () => {
    const def = machine({
      C: { Type: 'Choice', Choices: [{ Variable: '$.go', BooleanEquals: true, Next: 'Loop1' }], Default: 'Done' },
      Loop1: { Type: 'Wait', Seconds: 1, Next: 'Loop2' },
      Loop2: { Type: 'Pass', Next: 'Loop1' },
      Done: { Type: 'Succeed' },
    });
    expect(validate(def).filter((d) => d.code === 'TRAP_CYCLE_WARNING').map((d) => [d.path, d.severity])).toEqual([
      ['/States/Loop1', 'warning'],
      ['/States/Loop2', 'warning'],
    ]);
  });
  it('a polling loop with an exit, and a loop with a catch to a Fail, are not traps', () => {
    const def = machine({
      W: { Type: 'Wait', Seconds: 1, Next: 'T' },
      T: { ...task({ Next: 'C' }), Catch: [{ ErrorEquals: ['States.ALL'], Next: 'F' }] },
      C: { Type: 'Choice', Choices: [{ Variable: '$.done', BooleanEquals: true, Next: 'S' }], Default: 'W' },
      S: { Type: 'Succeed' },
      F: { Type: 'Fail' },
    });
    expect(at(def, 'TRAP_CYCLE_WARNING')).toEqual([]);
  });
  it('only in scopes that have a terminal (otherwise NO_TERMINAL says it)', () => {
    const def = machine({ A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' } });
    expect(at(def, 'TRAP_CYCLE_WARNING')).toEqual([]);
    expect(at(def, 'NO_TERMINAL')).toEqual(['/States']);
  });
  it('an unreachable cycle is UNREACHABLE, not a trap', () => {
    const def = machine({ S: { Type: 'Succeed' }, A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' } });
    expect(at(def, 'TRAP_CYCLE_WARNING')).toEqual([]);
  });
});

describe('scopes: Map processors are checked like branches', () => {
  it('MISSING_START_AT, NO_TERMINAL and UNREACHABLE_STATE inside an ItemProcessor / Iterator', () => {
    const def = machine({
      M: { Type: 'Map', Next: 'L', ItemProcessor: { States: { I: { Type: 'Pass', Next: 'I' } } } },
      L: { Type: 'Map', End: true, Iterator: { StartAt: 'A', States: { A: { Type: 'Succeed' }, B: { Type: 'Succeed' } } } },
    });
    expect(at(def, 'MISSING_START_AT')).toEqual(['/States/M/ItemProcessor/StartAt']);
    expect(at(def, 'NO_TERMINAL')).toEqual(['/States/M/ItemProcessor/States']);
    expect(at(def, 'UNREACHABLE_STATE')).toEqual(['/States/L/Iterator/States/B']);
  });
  it('an unreachable Map is reported once, and a trap cycle inside a branch is a warning there', () => {
    const def = machine({
      A: { Type: 'Parallel', End: true, Branches: [{ StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'L' }], Default: 'D' }, L: { Type: 'Wait', Seconds: 1, Next: 'L' }, D: { Type: 'Succeed' } } }] },
      M: { Type: 'Map', End: true, ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Succeed' }, J: { Type: 'Succeed' } } } },
    });
    expect(at(def, 'UNREACHABLE_STATE')).toEqual(['/States/M']);
    expect(at(def, 'TRAP_CYCLE_WARNING')).toEqual(['/States/A/Branches/0/States/L']);
  });
});

describe('INVALID_QUERY_LANGUAGE (our own code)', () => {
  it('an unknown QueryLanguage, and a JSONPath state in a JSONata machine', () => {
    expect(at(machine({ A: { Type: 'Succeed', QueryLanguage: 'jq' } }), 'INVALID_QUERY_LANGUAGE')).toEqual(['/States/A/QueryLanguage']);
    expect(at(machine({ A: { Type: 'Succeed' } }, { QueryLanguage: 'XPath' }), 'INVALID_QUERY_LANGUAGE')).toEqual(['/QueryLanguage']);
    const mixed = machine({ A: { Type: 'Pass', QueryLanguage: 'JSONPath', End: true } }, { QueryLanguage: 'JSONata' });
    expect(at(mixed, 'INVALID_QUERY_LANGUAGE')).toEqual(['/States/A/QueryLanguage']);
  });
  it('a JSONata state in a JSONPath machine is fine', () => {
    expect(validate(machine({ A: { Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% $states.input %}', End: true } }))).toEqual([]);
  });
});

describe('validate: robustness', () => {
  it('never throws on arbitrary JSON and always returns well-formed diagnostics', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const d = validate(value);
        for (const x of d) expect(x.path === '' || x.path.startsWith('/')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
  it('a generated linear chain is valid; breaking one Next makes exactly one DANGLING_TARGET and cascades', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 30 }), fc.nat(), (n, k) => {
        const states: Def = {};
        for (let i = 0; i < n; i++) states[`S${i}`] = i === n - 1 ? { Type: 'Succeed' } : { Type: 'Pass', Next: `S${i + 1}` };
        expect(validate(machine(states))).toEqual([]);
        const broken = k % (n - 1);
        (states[`S${broken}`] as Def).Next = 'Missing';
        const def = machine(states);
        expect(at(def, 'DANGLING_TARGET')).toEqual([`/States/S${broken}/Next`]);
        expect(at(def, 'UNREACHABLE_STATE')).toHaveLength(n - 1 - broken);
      }),
      { numRuns: 100 },
    );
  });
  it('the non-object definition is one error at the root', () => {
    expect(codes([] as unknown as Def)).toEqual(['INVALID_FIELD_VALUE']);
  });
});
