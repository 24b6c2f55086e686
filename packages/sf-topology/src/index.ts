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
  STATE_FIELDS,
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
export { parseDefinition } from './parse-definition.js';
export { escapePointerToken, pointerJoin, pointerTokens } from './json-pointer.js';
export { STATE_TYPES, type StateType, type QueryLanguage, isStateType, isTerminalState, queryLanguageOf, FIELD_RULES, type FieldRule } from './state-types.js';
export { collectScopes, type Scope, type ScopeKind } from './state-scopes.js';
export {
  buildGraph,
  writtenTransitions,
  type Edge,
  type EdgeKind,
  type GraphState,
  type TopologyGraph,
  type Transition,
  type TransitionKind,
} from './topology-graph.js';
export { isIntrinsicCall, isPath, isReferencePath, referencePathSegments } from './jsonpath-syntax.js';
export { checkIntrinsicCall, INTRINSIC_FUNCTIONS, type IntrinsicProblem, MAX_INTRINSIC_NESTING } from './intrinsic-functions.js';
export {
  CONTRACT_CODES,
  EXTRA_CODES,
  type Diagnostic,
  type DiagnosticCode,
  DiagnosticCodeSchema,
  DiagnosticSchema,
  hasErrors,
} from './diagnostic.js';
export { validate, type ValidateOptions } from './validate.js';
export {
  type SfEvent,
  sfEventSchema,
  type SfEventSink,
  type SfParallelizeOutcomeEvent,
  sfParallelizeOutcomeEventSchema,
  type SfParallelizeRefusedEvent,
  sfParallelizeRefusedEventSchema,
  type SfValidateOutcomeEvent,
  sfValidateOutcomeEventSchema,
} from './sf-events.js';
export { type AccessPath, type DataAccess, readsUnder, stateDataAccess } from './data-access.js';
export { ParallelizeError, type ParallelizeErrorCode } from './parallelize-error.js';
export { BRANCH_ERROR_PATH, PARALLEL_BRANCH_FAILED, PARALLEL_RESULT_PATH } from './isolation-dialect.js';
export type { ParallelizeWarning, ParallelizeWarningCode } from './parallelize-warning.js';
export {
  parallelize,
  type ParallelizedBranch,
  type ParallelizeOptions,
  type ParallelizeResult,
  type RewrittenTransition,
} from './parallelize.js';
export { hasFinalCatchAll, lint, lintIsolation } from './isolation-lint.js';
export { ExplainError } from './explain-error.js';
export {
  type ExplainEvent,
  explainFailure,
  type ExplainOptions,
  type ExplainStep,
  type FailureExplanation,
} from './explain-failure.js';
export { renderMermaid } from './render-mermaid.js';
