// Public surface of @repro/sf-topology: re-exports only.
export {
  type Catcher,
  CatcherSchema,
  type ChoiceRule,
  ChoiceRuleSchema,
  type ChoiceState,
  ChoiceStateSchema,
  type FailState,
  FailStateSchema,
  type MapState,
  MapStateSchema,
  type ParallelState,
  ParallelStateSchema,
  type PassState,
  PassStateSchema,
  type ProcessorConfig,
  ProcessorConfigSchema,
  type Retrier,
  RetrierSchema,
  type State,
  type StateMachineDefinition,
  StateMachineDefinitionSchema,
  type StateMachineScope,
  StateMachineScopeSchema,
  StateSchema,
  type SucceedState,
  SucceedStateSchema,
  type TaskState,
  TaskStateSchema,
  type WaitState,
  WaitStateSchema,
} from './asl-model.js';
export { AslParseError, type AslParseIssue } from './asl-parse-error.js';
export { type AccessPath, type DataAccess, readsUnder, stateDataAccess } from './data-access.js';
export { definitionDepthProblem, MAX_DEFINITION_DEPTH } from './definition-depth.js';
export { CONTRACT_CODES, type Diagnostic, type DiagnosticCode, EXTRA_CODES, hasErrors } from './diagnostic.js';
export { DiagnosticCodeSchema, DiagnosticSchema } from './diagnostic-schema.js';
export { ExplainError } from './explain-error.js';
export {
  type ExplainEvent,
  type ExplainOptions,
  type ExplainStep,
  explainFailure,
  type FailureExplanation,
} from './explain-failure.js';
export { checkIntrinsicCall, INTRINSIC_FUNCTIONS, type IntrinsicProblem, MAX_INTRINSIC_NESTING } from './intrinsic-functions.js';
export { BRANCH_ERROR_PATH, PARALLEL_BRANCH_FAILED, PARALLEL_RESULT_PATH } from './isolation-dialect.js';
export { hasFinalCatchAll, lint, lintIsolation } from './isolation-lint.js';
export { escapePointerToken, pointerJoin, pointerTokens } from './json-pointer.js';
export { isIntrinsicCall, isPath, isReferencePath, referencePathSegments } from './jsonpath-syntax.js';
export {
  type ParallelizedBranch,
  type ParallelizeOptions,
  type ParallelizeResult,
  parallelize,
  type RewrittenTransition,
} from './parallelize.js';
export { ParallelizeError, type ParallelizeErrorCode } from './parallelize-error.js';
export type { ParallelizeWarning, ParallelizeWarningCode } from './parallelize-warning.js';
export { parseDefinition } from './parse-definition.js';
export { renderMermaid } from './render-mermaid.js';
export type { SfEvent, SfEventSink, SfParallelizeOutcomeEvent, SfParallelizeRefusedEvent, SfValidateOutcomeEvent } from './sf-event-types.js';
export { sfEventSchema, sfParallelizeOutcomeEventSchema, sfParallelizeRefusedEventSchema, sfValidateOutcomeEventSchema } from './sf-events.js';
export { STATE_FIELDS } from './state-fields.js';
export { collectScopes, type Scope, type ScopeKind } from './state-scopes.js';
export { FIELD_RULES, type FieldRule, isStateType, isTerminalState, type QueryLanguage, queryLanguageOf, STATE_TYPES, type StateType } from './state-types.js';
export {
  buildGraph,
  type Edge,
  type EdgeKind,
  type GraphState,
  type TopologyGraph,
  type Transition,
  type TransitionKind,
  writtenTransitions,
} from './topology-graph.js';
export { type ValidateOptions, validate } from './validate.js';
