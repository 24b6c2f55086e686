// Public surface of @repro/use-cases: one function per use case, its options schema and its ports. Re-exports only.
export { type EnvelopeForImage, type EnvelopePorts, envelopeLockKey, type KeyLock, measureEnvelopeForImage } from './envelope/measure-envelope-for-image.js';
export { EVENT_SEVERITIES, type EventLogLevel, type EventSeverity, eventLogLevel } from './event-log-level.js';
export { type GateForRun, type GatePorts, gateRun } from './gate/gate-run.js';
export { DEFAULT_ENVELOPE_RUNS, type EnvelopeOptions, type EnvelopeOptionsInput, envelopeOptionsSchema, MAX_ENVELOPE_RUNS } from './options/envelope-options.js';
export { type GateOptions, type GateOptionsInput, gateOptionsSchema } from './options/gate-options.js';
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
} from './options/id-rules.js';
export { type LocalizationFactorOption, localizationFactorOptionSchema } from './options/localization-factor-option.js';
export { DEFAULT_TIMEOUT_S } from './options/option-fields.js';
export { parseOptions } from './options/parse-options.js';
export { MAX_REPLAY_COUNT, type VerdictOptions, type VerdictOptionsInput, verdictOptionsSchema } from './options/verdict-options.js';
export type { Redactor } from './redactor-port.js';
export type { FinishedReplay, ProgressCallback, ReplayProgress } from './replay/replay-progress.js';
export { processReplayRunner, type ReplayCommand, type ReplayRunnerPort } from './replay/replay-runner-port.js';
export { ArtefactConflictError, EnvelopeRunsFailedError, type FailedRun, UseCaseInputError } from './use-case-errors.js';
export {
  epsProdRemeasuredEventSchema,
  epsProdReusedEventSchema,
  localizationFailedEventSchema,
  USE_CASE_EVENT_NAMES,
  type UseCaseEvent,
  type UseCaseEventSink,
  useCaseEventSchema,
  verdictReusedEventSchema,
} from './use-case-events.js';
export { type CellLocalization, localizeCell } from './verdict/localize-cell.js';
export { readVerdictReferences, type VerdictReferences } from './verdict/read-verdict-references.js';
export { replayContextOf } from './verdict/replay-context.js';
export { DEFAULT_REPLAY_COUNT, DEFAULT_REPLAYS_PER_FACTOR, runVerdictForCell, type VerdictForCell, type VerdictPorts } from './verdict/run-verdict-for-cell.js';
export { selectLocalizationFactors } from './verdict/select-localization-factors.js';
export { type VerdictArtefactTarget, verdictArtefactKey, writeVerdictArtefact } from './verdict/verdict-artefact.js';
export { historyRecorder, type VerdictRecorder } from './verdict/verdict-recorder.js';
export { verdictReportKey, writeVerdictReport } from './verdict/verdict-report-file.js';
