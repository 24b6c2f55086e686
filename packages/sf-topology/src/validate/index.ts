// `@repro/sf-topology/validate`: validating and linting a definition, and nothing that needs zod. Importing
// it loads neither zod nor jsonata; jsonata is loaded (synchronously) the first time a definition holds a
// `{% … %}` expression to parse. The same functions and types as the main entry: re-exports only.
export { definitionDepthProblem, MAX_DEFINITION_DEPTH } from '../definition-depth.js';
export { CONTRACT_CODES, type Diagnostic, type DiagnosticCode, EXTRA_CODES, hasErrors } from '../diagnostic.js';
export { hasFinalCatchAll, lint, lintIsolation } from '../isolation-lint.js';
export type { SfEvent, SfEventSink, SfValidateOutcomeEvent } from '../sf-event-types.js';
export { type ValidateOptions, validate } from '../validate.js';
