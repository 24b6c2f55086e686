import { describe, expect, it } from 'vitest';
import { type DiagnosticCode, validate } from '../src/index.js';

/**
 * One invalid definition per field-level rule. Each differs from a valid machine by one defect and must
 * report exactly one error: its code, at its JSON Pointer. A case is a whole machine or the state S of
 * the machine S → Done.
 */
type Json = Record<string, unknown>;
const lambda = 'arn:aws:states:::lambda:invoke';

const one = (state: Json, machine: Json = {}): Json => ({ ...machine, StartAt: 'S', States: { S: state, Done: { Type: 'Succeed' } } });
const task = (extra: Json = {}): Json => ({ Type: 'Task', Resource: lambda, Next: 'Done', ...extra });
const jsonata = (state: Json): Json => one(state, { QueryLanguage: 'JSONata' });
/** A machine whose only state is S (for Fail states). */
const alone = (state: Json, machine: Json = {}): Json => ({ ...machine, StartAt: 'S', States: { S: state } });
const processor = (mode: 'INLINE' | 'DISTRIBUTED', extra: Json = {}): Json => ({
  ProcessorConfig: mode === 'INLINE' ? { Mode: 'INLINE' } : { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
  StartAt: 'I',
  States: { I: { Type: 'Pass', End: true } },
  ...extra,
});
const distributed = (extra: Json = {}): Json => ({ Type: 'Map', ItemProcessor: processor('DISTRIBUTED'), Next: 'Done', ...extra });
const reader = (extra: Json = {}): Json => ({ Resource: 'arn:aws:states:::s3:getObject', Parameters: { Bucket: 'b', Key: 'k' }, ...extra });
const choice = (...rules: Json[]): Json => ({ Type: 'Choice', Choices: rules, Default: 'Done' });
const pass = (parameters: Json): Json => ({ Type: 'Pass', Parameters: parameters, Next: 'Done' });
const deep = (n: number): string => (n === 0 ? '$.x' : `States.JsonToString(${deep(n - 1)})`);

const CASES: readonly (readonly [string, Json, DiagnosticCode, string])[] = [
  // 1. known fields only
  ['a field no state defines', task({ Paramaters: {} }), 'UNKNOWN_FIELD', '/States/S/Paramaters'],
  ['a field named like an Object.prototype member', task({ constructor: 1 }), 'UNKNOWN_FIELD', '/States/S/constructor'],
  ['a field named like an Object.prototype member, in a Catcher', task({ Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Done', toString: 'x' }] }), 'UNKNOWN_FIELD', '/States/S/Catch/0/toString'],
  ['a field inside a Retrier', task({ Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempt: 2 }] }), 'UNKNOWN_FIELD', '/States/S/Retry/0/MaxAttempt'],
  ['a field inside a Catcher', task({ Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Done', ResultSelector: {} }] }), 'UNKNOWN_FIELD', '/States/S/Catch/0/ResultSelector'],
  ['a field inside a Choice rule', choice({ Variable: '$.x', IsPresent: true, Next: 'Done', Default: 'Done' }), 'UNKNOWN_FIELD', '/States/S/Choices/0/Default'],
  ['a field inside an ItemReader', distributed({ ItemReader: reader({ MaxItems: 5 }) }), 'UNKNOWN_FIELD', '/States/S/ItemReader/MaxItems'],
  ['a field inside a ReaderConfig', distributed({ ItemReader: reader({ ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW', Header: true } }) }), 'UNKNOWN_FIELD', '/States/S/ItemReader/ReaderConfig/Header'],
  ['a field inside an ItemBatcher', distributed({ ItemBatcher: { MaxItemsPerBatch: 10, MaxBatches: 2 } }), 'UNKNOWN_FIELD', '/States/S/ItemBatcher/MaxBatches'],
  ['a field inside a ResultWriter', distributed({ ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'b' }, Format: 'json' } }), 'UNKNOWN_FIELD', '/States/S/ResultWriter/Format'],
  ['a field inside a WriterConfig', distributed({ ResultWriter: { WriterConfig: { OutputType: 'JSON', Compress: true } } }), 'UNKNOWN_FIELD', '/States/S/ResultWriter/WriterConfig/Compress'],
  ['a field inside an ItemProcessor', { Type: 'Map', ItemProcessor: processor('INLINE', { Retry: [] }), Next: 'Done' }, 'UNKNOWN_FIELD', '/States/S/ItemProcessor/Retry'],
  ['a field inside a ProcessorConfig', { Type: 'Map', ItemProcessor: processor('INLINE', { ProcessorConfig: { Mode: 'INLINE', Concurrency: 3 } }), Next: 'Done' }, 'UNKNOWN_FIELD', '/States/S/ItemProcessor/ProcessorConfig/Concurrency'],
  ['a field on the machine', one(task(), { Timeout: 10 }), 'UNKNOWN_FIELD', '/Timeout'],
  ['a field on a Parallel branch', { Type: 'Parallel', Branches: [{ StartAt: 'B', States: { B: { Type: 'Succeed' } }, End: true }], Next: 'Done' }, 'UNKNOWN_FIELD', '/States/S/Branches/0/End'],
  ['a field inside Credentials', task({ Credentials: { RoleArn: 'arn:aws:iam::1:role/r', ExternalId: 'x' } }), 'UNKNOWN_FIELD', '/States/S/Credentials/ExternalId'],
  ['a JSONPath-only field in a JSONata Catcher', jsonata(task({ Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.e', Next: 'Done' }] })), 'FIELD_NOT_ALLOWED', '/States/S/Catch/0/ResultPath'],
  ['Parameters on a JSONata ItemReader', jsonata(distributed({ ItemReader: reader() })), 'FIELD_NOT_ALLOWED', '/States/S/ItemReader/Parameters'],
  ['an ItemReader on an inline Map', { Type: 'Map', ItemReader: reader(), ItemProcessor: processor('INLINE'), Next: 'Done' }, 'FIELD_NOT_ALLOWED', '/States/S/ItemReader'],

  // 2. mutually exclusive and required-one-of
  ['Error and ErrorPath', alone({ Type: 'Fail', Error: 'E', ErrorPath: '$.e' }), 'EXCLUSIVE_FIELDS', '/States/S/ErrorPath'],
  ['Cause and CausePath', alone({ Type: 'Fail', Cause: 'C', CausePath: '$.c' }), 'EXCLUSIVE_FIELDS', '/States/S/CausePath'],
  ['TimeoutSeconds and TimeoutSecondsPath', task({ TimeoutSeconds: 10, TimeoutSecondsPath: '$.t' }), 'EXCLUSIVE_FIELDS', '/States/S/TimeoutSecondsPath'],
  ['HeartbeatSeconds and HeartbeatSecondsPath', task({ HeartbeatSeconds: 10, HeartbeatSecondsPath: '$.h' }), 'EXCLUSIVE_FIELDS', '/States/S/HeartbeatSecondsPath'],
  ['Iterator and ItemProcessor', { Type: 'Map', ItemProcessor: processor('INLINE'), Iterator: { StartAt: 'J', States: { J: { Type: 'Succeed' } } }, Next: 'Done' }, 'EXCLUSIVE_FIELDS', '/States/S/Iterator'],
  ['Parameters and ItemSelector', { Type: 'Map', ItemProcessor: processor('INLINE'), Parameters: { a: 1 }, ItemSelector: { a: 1 }, Next: 'Done' }, 'EXCLUSIVE_FIELDS', '/States/S/ItemSelector'],
  ['ReaderConfig MaxItems and MaxItemsPath', distributed({ ItemReader: reader({ ReaderConfig: { MaxItems: 5, MaxItemsPath: '$.n' } }) }), 'EXCLUSIVE_FIELDS', '/States/S/ItemReader/ReaderConfig/MaxItemsPath'],
  ['MaxItemsPerBatch and its Path', distributed({ ItemBatcher: { MaxItemsPerBatch: 5, MaxItemsPerBatchPath: '$.n' } }), 'EXCLUSIVE_FIELDS', '/States/S/ItemBatcher/MaxItemsPerBatchPath'],
  ['MaxInputBytesPerBatch and its Path', distributed({ ItemBatcher: { MaxInputBytesPerBatch: 5, MaxInputBytesPerBatchPath: '$.n' } }), 'EXCLUSIVE_FIELDS', '/States/S/ItemBatcher/MaxInputBytesPerBatchPath'],
  ['ToleratedFailureCount and its Path', distributed({ ToleratedFailureCount: 1, ToleratedFailureCountPath: '$.n' }), 'EXCLUSIVE_FIELDS', '/States/S/ToleratedFailureCountPath'],
  ['ToleratedFailurePercentage and its Path', distributed({ ToleratedFailurePercentage: 1, ToleratedFailurePercentagePath: '$.n' }), 'EXCLUSIVE_FIELDS', '/States/S/ToleratedFailurePercentagePath'],
  ['MaxConcurrency and its Path', distributed({ MaxConcurrency: 1, MaxConcurrencyPath: '$.n' }), 'EXCLUSIVE_FIELDS', '/States/S/MaxConcurrencyPath'],
  ['a Wait with Seconds and Timestamp', { Type: 'Wait', Seconds: 1, Timestamp: '2026-01-01T00:00:00Z', Next: 'Done' }, 'EXCLUSIVE_FIELDS', '/States/S/Timestamp'],
  ['a Wait with SecondsPath and TimestampPath', { Type: 'Wait', SecondsPath: '$.s', TimestampPath: '$.t', Next: 'Done' }, 'EXCLUSIVE_FIELDS', '/States/S/TimestampPath'],
  ['RoleArn and RoleArn.$', task({ Credentials: { RoleArn: 'arn:aws:iam::1:role/r', 'RoleArn.$': '$.role' } }), 'EXCLUSIVE_FIELDS', '/States/S/Credentials/RoleArn.$'],
  ['a Wait with none of its four', { Type: 'Wait', Next: 'Done' }, 'REQUIRED_ONE_OF', '/States/S'],
  ['a JSONata Wait with neither Seconds nor Timestamp', jsonata({ Type: 'Wait', Next: 'Done' }), 'REQUIRED_ONE_OF', '/States/S'],
  ['Credentials without RoleArn', task({ Credentials: {} }), 'REQUIRED_ONE_OF', '/States/S/Credentials'],
  ['a ResultWriter with neither Resource nor WriterConfig', distributed({ ResultWriter: {} }), 'REQUIRED_ONE_OF', '/States/S/ResultWriter'],

  // 3. types, enums and ranges
  ['BackoffRate below 1', task({ Retry: [{ ErrorEquals: ['States.ALL'], BackoffRate: 0.5 }] }), 'VALUE_OUT_OF_RANGE', '/States/S/Retry/0/BackoffRate'],
  ['MaxAttempts below 0', task({ Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: -1 }] }), 'VALUE_OUT_OF_RANGE', '/States/S/Retry/0/MaxAttempts'],
  ['IntervalSeconds below 1', task({ Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 0 }] }), 'VALUE_OUT_OF_RANGE', '/States/S/Retry/0/IntervalSeconds'],
  ['MaxDelaySeconds not above 0', task({ Retry: [{ ErrorEquals: ['States.ALL'], MaxDelaySeconds: 0 }] }), 'VALUE_OUT_OF_RANGE', '/States/S/Retry/0/MaxDelaySeconds'],
  ['JitterStrategy not FULL or NONE', task({ Retry: [{ ErrorEquals: ['States.ALL'], JitterStrategy: 'PARTIAL' }] }), 'INVALID_ENUM_VALUE', '/States/S/Retry/0/JitterStrategy'],
  ['TimeoutSeconds not above 0', task({ TimeoutSeconds: 0 }), 'VALUE_OUT_OF_RANGE', '/States/S/TimeoutSeconds'],
  ['HeartbeatSeconds not below TimeoutSeconds', task({ TimeoutSeconds: 60, HeartbeatSeconds: 60 }), 'HEARTBEAT_NOT_BELOW_TIMEOUT', '/States/S/HeartbeatSeconds'],
  ['ToleratedFailurePercentage above 100', distributed({ ToleratedFailurePercentage: 101 }), 'VALUE_OUT_OF_RANGE', '/States/S/ToleratedFailurePercentage'],
  ['MaxConcurrency below 0', { Type: 'Map', ItemProcessor: processor('INLINE'), MaxConcurrency: -1, Next: 'Done' }, 'VALUE_OUT_OF_RANGE', '/States/S/MaxConcurrency'],
  ['MaxInputBytesPerBatch above 256 KiB', distributed({ ItemBatcher: { MaxInputBytesPerBatch: 300000 } }), 'VALUE_OUT_OF_RANGE', '/States/S/ItemBatcher/MaxInputBytesPerBatch'],
  ['ReaderConfig MaxItems below 1', distributed({ ItemReader: reader({ ReaderConfig: { MaxItems: 0 } }) }), 'VALUE_OUT_OF_RANGE', '/States/S/ItemReader/ReaderConfig/MaxItems'],
  ['the machine TimeoutSeconds not above 0', one(task(), { TimeoutSeconds: 0 }), 'VALUE_OUT_OF_RANGE', '/TimeoutSeconds'],
  ['a Wait of negative seconds', { Type: 'Wait', Seconds: -5, Next: 'Done' }, 'VALUE_OUT_OF_RANGE', '/States/S/Seconds'],
  ['a Map Label over 40 characters', distributed({ Label: 'L'.repeat(41) }), 'VALUE_OUT_OF_RANGE', '/States/S/Label'],
  ['a string where an integer belongs (JSONPath)', task({ TimeoutSeconds: '10' }), 'INVALID_FIELD_VALUE', '/States/S/TimeoutSeconds'],
  ['a non-integer MaxAttempts', task({ Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 1.5 }] }), 'INVALID_FIELD_VALUE', '/States/S/Retry/0/MaxAttempts'],
  ['ProcessorConfig Mode not INLINE or DISTRIBUTED', { Type: 'Map', ItemProcessor: processor('INLINE', { ProcessorConfig: { Mode: 'PARALLEL' } }), Next: 'Done' }, 'INVALID_ENUM_VALUE', '/States/S/ItemProcessor/ProcessorConfig/Mode'],
  ['ExecutionType not STANDARD or EXPRESS', { Type: 'Map', ItemProcessor: processor('DISTRIBUTED', { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'FAST' } }), Next: 'Done' }, 'INVALID_ENUM_VALUE', '/States/S/ItemProcessor/ProcessorConfig/ExecutionType'],
  ['a DISTRIBUTED Map without ExecutionType', { Type: 'Map', ItemProcessor: processor('DISTRIBUTED', { ProcessorConfig: { Mode: 'DISTRIBUTED' } }), Next: 'Done' }, 'MISSING_REQUIRED_FIELD', '/States/S/ItemProcessor/ProcessorConfig/ExecutionType'],
  ['ReaderConfig InputType unknown', distributed({ ItemReader: reader({ ReaderConfig: { InputType: 'XML' } }) }), 'INVALID_ENUM_VALUE', '/States/S/ItemReader/ReaderConfig/InputType'],
  ['WriterConfig Transformation unknown', distributed({ ResultWriter: { WriterConfig: { Transformation: 'GZIP' } } }), 'INVALID_ENUM_VALUE', '/States/S/ResultWriter/WriterConfig/Transformation'],
  ['an ItemReader without Resource', distributed({ ItemReader: { Parameters: { Bucket: 'b' } } }), 'MISSING_REQUIRED_FIELD', '/States/S/ItemReader/Resource'],
  ['Branches an array of arrays', { Type: 'Parallel', Branches: [[{ StartAt: 'B', States: { B: { Type: 'Succeed' } } }]], Next: 'Done' }, 'INVALID_FIELD_VALUE', '/States/S/Branches/0'],
  ['Credentials not an object', task({ Credentials: 'arn:aws:iam::1:role/r' }), 'INVALID_FIELD_VALUE', '/States/S/Credentials'],
  ['a state name over 80 characters', { StartAt: 'N'.repeat(81), States: { ['N'.repeat(81)]: { Type: 'Succeed' } } }, 'INVALID_STATE_NAME', `/States/${'N'.repeat(81)}`],
  ['a Resource that is not a URI', task({ Resource: 'my-lambda' }), 'INVALID_RESOURCE', '/States/S/Resource'],
  ['a Wait Timestamp that is not RFC 3339', { Type: 'Wait', Timestamp: '2026-01-01 10:00', Next: 'Done' }, 'INVALID_TIMESTAMP', '/States/S/Timestamp'],
  ['a Catcher without Next', task({ Catch: [{ ErrorEquals: ['States.ALL'] }] }), 'MISSING_REQUIRED_FIELD', '/States/S/Catch/0/Next'],
  ['a reference path field that is not a path', task({ TimeoutSecondsPath: 'timeout' }), 'INVALID_JSONPATH', '/States/S/TimeoutSecondsPath'],
  ['ItemsPath with a wildcard', { Type: 'Map', ItemsPath: '$.items[*]', ItemProcessor: processor('INLINE'), Next: 'Done' }, 'INVALID_JSONPATH', '/States/S/ItemsPath'],
  ['a Catcher ResultPath that is not a reference path', task({ Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.errors[*]', Next: 'Done' }] }), 'INVALID_JSONPATH', '/States/S/Catch/0/ResultPath'],
  ['ErrorPath neither a path nor an intrinsic', alone({ Type: 'Fail', ErrorPath: 'oops' }), 'INVALID_JSONPATH', '/States/S/ErrorPath'],

  // 4. Choice rules
  ['a rule without Next', choice({ Variable: '$.x', IsPresent: true }), 'MISSING_REQUIRED_FIELD', '/States/S/Choices/0/Next'],
  ['a rule with End', choice({ Variable: '$.x', IsPresent: true, Next: 'Done', End: true }), 'INVALID_CHOICE_RULE', '/States/S/Choices/0/End'],
  ['a rule without an operator', choice({ Variable: '$.x', Next: 'Done' }), 'INVALID_CHOICE_RULE', '/States/S/Choices/0'],
  ['a rule with two operators', choice({ Variable: '$.x', StringEquals: 'a', IsPresent: true, Next: 'Done' }), 'INVALID_CHOICE_RULE', '/States/S/Choices/0/IsPresent'],
  ['a comparison without Variable', choice({ StringEquals: 'a', Next: 'Done' }), 'INVALID_CHOICE_RULE', '/States/S/Choices/0/Variable'],
  ['And with a Variable', choice({ Variable: '$.x', And: [{ Variable: '$.x', IsPresent: true }], Next: 'Done' }), 'INVALID_CHOICE_RULE', '/States/S/Choices/0/Variable'],
  ['a nested rule with Next', choice({ Not: { Variable: '$.x', IsPresent: true, Next: 'Done' }, Next: 'Done' }), 'INVALID_CHOICE_RULE', '/States/S/Choices/0/Not/Next'],
  ['an empty And', choice({ And: [], Next: 'Done' }), 'INVALID_FIELD_VALUE', '/States/S/Choices/0/And'],
  ['NumericEquals on a string', choice({ Variable: '$.x', NumericEquals: '3', Next: 'Done' }), 'INVALID_CHOICE_OPERAND', '/States/S/Choices/0/NumericEquals'],
  ['StringEquals on a number', choice({ Variable: '$.x', StringEquals: 3, Next: 'Done' }), 'INVALID_CHOICE_OPERAND', '/States/S/Choices/0/StringEquals'],
  ['BooleanEquals on a string', choice({ Or: [{ Variable: '$.x', BooleanEquals: 'true' }], Next: 'Done' }), 'INVALID_CHOICE_OPERAND', '/States/S/Choices/0/Or/0/BooleanEquals'],
  ['IsPresent on a string', choice({ Variable: '$.x', IsPresent: 'yes', Next: 'Done' }), 'INVALID_CHOICE_OPERAND', '/States/S/Choices/0/IsPresent'],
  ['a …Path operator without a path', choice({ Variable: '$.x', StringEqualsPath: 'y', Next: 'Done' }), 'INVALID_CHOICE_OPERAND', '/States/S/Choices/0/StringEqualsPath'],
  ['a Timestamp operator on a non-timestamp', choice({ Variable: '$.x', TimestampEquals: 'yesterday', Next: 'Done' }), 'INVALID_TIMESTAMP', '/States/S/Choices/0/TimestampEquals'],
  ['an empty Choices', { Type: 'Choice', Choices: [], Default: 'Done' }, 'INVALID_FIELD_VALUE', '/States/S/Choices'],
  ['a JSONata rule without Condition', jsonata(choice({ Next: 'Done' })), 'MISSING_REQUIRED_FIELD', '/States/S/Choices/0/Condition'],
  ['a JSONata Condition that is not an expression', jsonata(choice({ Condition: '$states.input.ok', Next: 'Done' })), 'JSONATA_EXPRESSION_REQUIRED', '/States/S/Choices/0/Condition'],

  // 5. intrinsic functions
  ['an unknown intrinsic', pass({ 'x.$': "States.Concat('a', 'b')" }), 'UNKNOWN_INTRINSIC', '/States/S/Parameters/x.$'],
  ['States.UUID with an argument', pass({ 'x.$': 'States.UUID(1)' }), 'INTRINSIC_ARITY', '/States/S/Parameters/x.$'],
  ['States.ArrayGetItem with one argument', pass({ 'x.$': 'States.ArrayGetItem($.a)' }), 'INTRINSIC_ARITY', '/States/S/Parameters/x.$'],
  ['States.MathRandom with four arguments', pass({ 'x.$': 'States.MathRandom(1, 2, 3, 4)' }), 'INTRINSIC_ARITY', '/States/S/Parameters/x.$'],
  ['a nested call of the wrong arity', pass({ 'x.$': 'States.Format(\'{}\', States.ArrayLength())' }), 'INTRINSIC_ARITY', '/States/S/Parameters/x.$'],
  ['an unclosed call', pass({ 'x.$': "States.Format('{}', $.a" }), 'INVALID_INTRINSIC', '/States/S/Parameters/x.$'],
  ['an unterminated string argument', pass({ 'x.$': "States.Format('{}, $.a)" }), 'INVALID_INTRINSIC', '/States/S/Parameters/x.$'],
  ['a double-quoted string argument', pass({ 'x.$': 'States.Format("{}", $.a)' }), 'INVALID_INTRINSIC', '/States/S/Parameters/x.$'],
  ['nesting deeper than 10', pass({ 'x.$': deep(11) }), 'INVALID_INTRINSIC', '/States/S/Parameters/x.$'],
  ['States.Hash with an unknown algorithm', pass({ 'x.$': "States.Hash($.a, 'SHA-3')" }), 'INVALID_INTRINSIC', '/States/S/Parameters/x.$'],
  ['an intrinsic in ResultSelector', task({ ResultSelector: { 'x.$': 'States.Nope()' } }), 'UNKNOWN_INTRINSIC', '/States/S/ResultSelector/x.$'],
  ['an intrinsic in Assign', task({ Assign: { 'x.$': 'States.ArrayLength($.a, $.b)' } }), 'INTRINSIC_ARITY', '/States/S/Assign/x.$'],
  ['an intrinsic in a Fail CausePath', alone({ Type: 'Fail', CausePath: 'States.Format($.a' }), 'INVALID_INTRINSIC', '/States/S/CausePath'],

  // 6. JSONata
  ['a JSONata syntax error in Output', jsonata({ Type: 'Pass', Output: '{% $states.input. %}', Next: 'Done' }), 'JSONATA_SYNTAX', '/States/S/Output'],
  ['a JSONata syntax error deep in Arguments', jsonata(task({ Arguments: { a: { b: ['{% 1 + %}'] } } })), 'JSONATA_SYNTAX', '/States/S/Arguments/a/b/0'],
  ['a JSONata syntax error in a Condition', jsonata(choice({ Condition: '{% $x = %}', Next: 'Done' })), 'JSONATA_SYNTAX', '/States/S/Choices/0/Condition'],
  ['an unclosed JSONata string', jsonata(task({ Arguments: { a: '{% $states.input' } })), 'JSONATA_SYNTAX', '/States/S/Arguments/a'],
  ['an empty JSONata expression', jsonata({ Type: 'Pass', Output: '{%  %}', Next: 'Done' }), 'JSONATA_SYNTAX', '/States/S/Output'],
  ['$states.result in Arguments', jsonata(task({ Arguments: { a: '{% $states.result %}' } })), 'JSONATA_RESTRICTED', '/States/S/Arguments/a'],
  ['$states.result in a Catch Output', jsonata(task({ Catch: [{ ErrorEquals: ['States.ALL'], Output: '{% $states.result %}', Next: 'Done' }] })), 'JSONATA_RESTRICTED', '/States/S/Catch/0/Output'],
  ['$states.errorOutput outside a Catch', jsonata(task({ Output: '{% $states.errorOutput %}' })), 'JSONATA_RESTRICTED', '/States/S/Output'],
  ['$states.result in a Pass', jsonata({ Type: 'Pass', Output: '{% $states.result %}', Next: 'Done' }), 'JSONATA_RESTRICTED', '/States/S/Output'],
  ['an unknown $states field', jsonata(task({ Output: '{% $states.output %}' })), 'JSONATA_RESTRICTED', '/States/S/Output'],
  ['$eval', jsonata(task({ Arguments: { a: '{% $eval("1+1") %}' } })), 'JSONATA_RESTRICTED', '/States/S/Arguments/a'],
  ['a JSONata syntax error in a Wait Seconds', jsonata({ Type: 'Wait', Seconds: '{% ( %}', Next: 'Done' }), 'JSONATA_SYNTAX', '/States/S/Seconds'],
  ['a JSONata syntax error in Map Items', jsonata({ Type: 'Map', Items: '{% [1, 2 %}', ItemProcessor: processor('INLINE'), Next: 'Done' }), 'JSONATA_SYNTAX', '/States/S/Items'],
  ['a JSONata syntax error in an ItemReader Arguments', jsonata(distributed({ ItemReader: { Resource: 'arn:aws:states:::s3:getObject', Arguments: { Key: '{% "a" & %}' } } })), 'JSONATA_SYNTAX', '/States/S/ItemReader/Arguments/Key'],
  ['a JSONata syntax error in a Fail Cause', alone({ Type: 'Fail', Cause: '{% $string( %}' }, { QueryLanguage: 'JSONata' }), 'JSONATA_SYNTAX', '/States/S/Cause'],
  ['a JSONPath state in a JSONata machine', jsonata({ Type: 'Pass', QueryLanguage: 'JSONPath', Next: 'Done' }), 'INVALID_QUERY_LANGUAGE', '/States/S/QueryLanguage'],
  ['Items (JSONata) in a JSONPath Map', { Type: 'Map', Items: [1, 2], ItemProcessor: processor('INLINE'), Next: 'Done' }, 'FIELD_NOT_ALLOWED', '/States/S/Items'],
  ['Map Items neither an array nor an expression', jsonata({ Type: 'Map', Items: '$.items', ItemProcessor: processor('INLINE'), Next: 'Done' }), 'INVALID_FIELD_VALUE', '/States/S/Items'],
];

describe('one invalid definition per field-level rule: exactly its code at its pointer', () => {
  it.each(CASES.map(([label, def, code, pointer]) => [label, code, pointer, def] as const))('%s → %s at %s', (_label, code, pointer, def) => {
    // A case is a whole machine (it has StartAt) or the state S of a machine S → Done.
    const errors = validate(Object.hasOwn(def, 'StartAt') ? def : one(def))
      .filter((d) => d.severity === 'error')
      .map((d) => [d.code, d.path]);
    expect(errors).toEqual([[code, pointer]]);
  });
  it('every field-level code of the vocabulary has at least one case', () => {
    const covered = new Set(CASES.map(([, , code]) => code));
    for (const code of [
      'UNKNOWN_FIELD',
      'EXCLUSIVE_FIELDS',
      'REQUIRED_ONE_OF',
      'VALUE_OUT_OF_RANGE',
      'INVALID_ENUM_VALUE',
      'HEARTBEAT_NOT_BELOW_TIMEOUT',
      'INVALID_STATE_NAME',
      'INVALID_RESOURCE',
      'INVALID_TIMESTAMP',
      'INVALID_CHOICE_RULE',
      'INVALID_CHOICE_OPERAND',
      'INVALID_INTRINSIC',
      'UNKNOWN_INTRINSIC',
      'INTRINSIC_ARITY',
      'JSONATA_SYNTAX',
      'JSONATA_RESTRICTED',
      'JSONATA_EXPRESSION_REQUIRED',
    ] as const) {
      expect(covered.has(code)).toBe(true);
    }
  });
});
