// Type tests of the signatures users depend on (checked by `vitest --typecheck`): a change here is an API change.
import { describe, expectTypeOf, test } from 'vitest';
import type { z } from 'zod';
import {
  type AslParseError,
  type AslParseIssue,
  buildGraph,
  type ChoiceRule,
  type ChoiceRuleSchema,
  type CONTRACT_CODES,
  type Diagnostic,
  type DiagnosticCode,
  type DiagnosticCodeSchema,
  type DiagnosticSchema,
  type EXTRA_CODES,
  type ExplainError,
  explainFailure,
  type FailureExplanation,
  lint,
  lintIsolation,
  type MapState,
  type ParallelizeError,
  type ParallelizeErrorCode,
  type ParallelizeOptions,
  type ParallelizeResult,
  type ParallelState,
  type PassState,
  parallelize,
  parseDefinition,
  renderMermaid,
  type SfEvent,
  type SfEventSink,
  type SfParallelizeOutcomeEvent,
  type State,
  type StateMachineDefinition,
  type StateMachineDefinitionSchema,
  type StateMachineScope,
  type StateSchema,
  type StateType,
  sfEventSchema,
  type TaskState,
  type TopologyGraph,
  validate,
} from './index.js';

describe('sf-topology public signatures', () => {
  test('validate and the lints take any parsed JSON and never throw: a list of diagnostics', () => {
    expectTypeOf(validate).parameter(0).toEqualTypeOf<unknown>();
    expectTypeOf(validate).returns.toEqualTypeOf<Diagnostic[]>();
    expectTypeOf(lint).parameters.toEqualTypeOf<[definition: unknown]>();
    expectTypeOf(lint).returns.toEqualTypeOf<Diagnostic[]>();
    expectTypeOf(lintIsolation).returns.toEqualTypeOf<Diagnostic[]>();
  });

  test('a Diagnostic is what DiagnosticSchema parses: a stable code, a severity, an RFC 6901 path', () => {
    expectTypeOf<z.output<typeof DiagnosticSchema>>().toEqualTypeOf<Diagnostic>();
    expectTypeOf<Diagnostic['severity']>().toEqualTypeOf<'error' | 'warning'>();
    expectTypeOf<Diagnostic['path']>().toEqualTypeOf<string>();
    expectTypeOf<Diagnostic['code']>().toEqualTypeOf<DiagnosticCode>();
    expectTypeOf<z.output<typeof DiagnosticCodeSchema>>().toEqualTypeOf<DiagnosticCode>();
    expectTypeOf<DiagnosticCode>().toEqualTypeOf<(typeof CONTRACT_CODES)[number] | (typeof EXTRA_CODES)[number]>();
  });

  test('parseDefinition returns the typed model, which the exported schemas parse to', () => {
    expectTypeOf(parseDefinition).parameters.toEqualTypeOf<[input: unknown]>();
    expectTypeOf(parseDefinition).returns.toEqualTypeOf<StateMachineDefinition>();
    expectTypeOf<z.output<typeof StateMachineDefinitionSchema>>().toEqualTypeOf<StateMachineDefinition>();
    expectTypeOf<z.output<typeof StateSchema>>().toEqualTypeOf<State>();
    expectTypeOf<z.output<typeof ChoiceRuleSchema>>().toEqualTypeOf<ChoiceRule>();
    expectTypeOf<StateMachineDefinition>().toExtend<StateMachineScope>();
    expectTypeOf<StateMachineDefinition['States']>().toEqualTypeOf<Record<string, State>>();
    expectTypeOf<StateMachineDefinition['QueryLanguage']>().toEqualTypeOf<'JSONPath' | 'JSONata' | undefined>();
  });

  test('a State narrows on `Type` to one of the eight state types', () => {
    expectTypeOf<State['Type']>().toEqualTypeOf<StateType>();
    expectTypeOf<StateType>().toEqualTypeOf<'Task' | 'Pass' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map'>();
    const state = {} as State;
    if (state.Type === 'Parallel') {
      expectTypeOf(state).toEqualTypeOf<ParallelState>();
      expectTypeOf(state.Branches).toEqualTypeOf<StateMachineScope[]>();
    }
    if (state.Type === 'Map') expectTypeOf(state).toEqualTypeOf<MapState>();
    if (state.Type === 'Task') expectTypeOf(state.Resource).toEqualTypeOf<string>();
    if (state.Type === 'Pass') expectTypeOf(state).toEqualTypeOf<PassState>();
    expectTypeOf<TaskState>().toHaveProperty('Catch');
  });

  test('parallelize rewrites a definition with per-branch isolation and reports what it changed', () => {
    expectTypeOf(parallelize).parameters.toEqualTypeOf<[definition: unknown, options: ParallelizeOptions]>();
    expectTypeOf(parallelize).returns.toEqualTypeOf<ParallelizeResult>();
    expectTypeOf<ParallelizeResult['definition']>().toEqualTypeOf<StateMachineDefinition>();
    expectTypeOf<{ chain: string[]; branches: Record<string, string[]> }>().toExtend<ParallelizeOptions>();
    expectTypeOf<ParallelizeOptions['emit']>().toEqualTypeOf<SfEventSink | undefined>();
  });

  test('the graph, failure explanation and Mermaid rendering', () => {
    expectTypeOf(buildGraph).returns.toEqualTypeOf<TopologyGraph>();
    expectTypeOf(explainFailure).parameters.toEqualTypeOf<[definition: unknown, stateName: string, options?: { error?: string }]>();
    expectTypeOf(explainFailure).returns.toEqualTypeOf<FailureExplanation>();
    expectTypeOf<FailureExplanation['outcome']['status']>().toEqualTypeOf<'FAILED' | 'SUCCEEDED' | 'UNDETERMINED'>();
    expectTypeOf(renderMermaid).returns.toEqualTypeOf<string>();
  });

  test('errors carry a code (and diagnostics or issues) saying what is wrong and where', () => {
    expectTypeOf<ParallelizeError>().toExtend<Error>();
    expectTypeOf<ParallelizeError['code']>().toEqualTypeOf<ParallelizeErrorCode>();
    expectTypeOf<ParallelizeErrorCode>().toEqualTypeOf<'NOT_DATA_INDEPENDENT' | 'NOT_CONTIGUOUS' | 'ENTRY_NOT_FIRST' | 'INVALID_OPTIONS' | 'INVALID_DEFINITION'>();
    expectTypeOf<ParallelizeError['diagnostics']>().toEqualTypeOf<readonly Diagnostic[]>();
    expectTypeOf<AslParseError['issues']>().toEqualTypeOf<readonly AslParseIssue[]>();
    expectTypeOf<AslParseIssue>().toEqualTypeOf<{ path: string; message: string }>();
    expectTypeOf<ExplainError['code']>().toEqualTypeOf<'UNKNOWN_STATE' | 'AMBIGUOUS_STATE' | 'INVALID_DEFINITION'>();
  });

  test('events: one union discriminated on `event`, which the schema parses', () => {
    expectTypeOf(sfEventSchema.parse).returns.toEqualTypeOf<SfEvent>();
    expectTypeOf<SfEvent['event']>().toEqualTypeOf<'sf_validate_outcome' | 'sf_parallelize_outcome' | 'sf_parallelize_refused'>();
    expectTypeOf<SfEventSink>().toEqualTypeOf<(event: SfEvent) => void>();
    const event = {} as SfEvent;
    if (event.event === 'sf_parallelize_outcome') expectTypeOf(event).toEqualTypeOf<SfParallelizeOutcomeEvent>();
    if (event.event === 'sf_validate_outcome') expectTypeOf(event.valid).toEqualTypeOf<boolean>();
  });
});
