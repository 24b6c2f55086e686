// Public surface of @repro/use-cases/options: the option schemas of every use case, the id rules and
// parseOptions, with no use case and none of the packages they compose (no store, runner or object store
// is loaded). For a queue contract, a config loader or a form that validates options. Re-exports only.

export { UseCaseInputError } from '../use-case-errors.js';
export { DEFAULT_ENVELOPE_RUNS, type EnvelopeOptions, type EnvelopeOptionsInput, envelopeOptionsSchema, MAX_ENVELOPE_RUNS } from './envelope-options.js';
export { type GateOptions, type GateOptionsInput, gateOptionsSchema } from './gate-options.js';
export {
  checkId,
  ID_KINDS,
  type IdKind,
  InvalidIdentifierError,
  idProblem,
  idSchema,
  MAX_ID_BYTES,
  PROFILE_NAME_PATTERN,
  SEGMENT_ID_PATTERN,
} from './id-rules.js';
export { DEFAULT_TIMEOUT_S } from './option-fields.js';
export { parseOptions } from './parse-options.js';
export { type VerdictOptions, type VerdictOptionsInput, verdictOptionsSchema } from './verdict-options.js';
