// Public surface of @repro/verdict-core: pure functions and schemas, no I/O, no clock, no env.
export { type Assessment, type AssessOptions, assessObservation } from './decision/assess-observation.js';
export { type Decision, decideVerdict, type VerdictCause, type VerdictName, type VerdictReason } from './decision/decide-verdict.js';
export { explainVerdict, formatExplainedNumber } from './explanation/explain-verdict.js';
export { type Localization, type LocalizedFactor, localizationSchema, localizedFactorSchema } from './localize/localization-schema.js';
export { type FactorMeasurement, type LocalizationInput, PINNED_BASELINE_FACTOR, rankLocalization } from './localize/rank-localization.js';
export { classifyDivergenceSource, type DivergenceSource, type DivergenceSourceInput, divergenceSourceSchema } from './masked/classify-divergence-source.js';
export {
  assessMaskedDependence,
  DEFAULT_EPS_PROD_RELATIVE_THRESHOLD,
  type MaskedDependenceInput,
  type MaskedDependenceWarning,
  maskedDependenceWarningSchema,
} from './masked/masked-dependence.js';
export { type DecisivePair, decisivePair } from './power/decisive-pair.js';
export { catchProbability, DEFAULT_POWER_CONFIDENCE, minDetectableDisagreementRate, type ReplayPower, replayPower, replayPowerSchema } from './power/replay-power.js';
export { canonicalJson } from './probes/canonical-json.js';
export { type DeterminismCause, type DeterminismResult, type DeterminismStatus, probeDeterminism } from './probes/probe-determinism.js';
export { type DivergenceResult, probeDivergence } from './probes/probe-divergence.js';
export {
  DEFAULT_PARITY_DIMS,
  type DimensionMap,
  type DimensionParity,
  type DimensionValue,
  OPTIONAL_PARITY_DIMS,
  type ParityResult,
  type ParityState,
  parityDimensions,
  probeParity,
} from './probes/probe-parity.js';
export type { ReplayOutcome } from './probes/replay-outcome.js';
export { DEFAULT_EPS_NUM, type Observation, type ObservationInput, observationSchema } from './schema/observation-schema.js';
export { formatIssuePath, parseObservations } from './schema/parse-observations.js';
export {
  type EventSink,
  type ReplayDeterminismCauseEvent,
  type ReplayDeterminismEvent,
  type ReplayDivergenceEvent,
  type ReplayVerdictEvent,
  replayDeterminismCauseEventSchema,
  replayDeterminismEventSchema,
  replayDivergenceEventSchema,
  replayVerdictEventSchema,
  VERDICT_EVENT_NAMES,
  type VerdictEvent,
  verdictEventSchema,
} from './schema/verdict-events.js';
export {
  dimensionMapSchema,
  type RecordedReplay,
  type RecordedValue,
  type ReplayContext,
  replayContextSchema,
  VERDICT_SCHEMA_VERSION,
  type Verdict,
  verdictSchema,
} from './schema/verdict-schema.js';
export { ENVELOPE_METHODS, type EnvelopeMethod, type EnvelopeOptions, MIN_ENVELOPE_SAMPLES, measureProdEnvelope, type ProdEnvelope, type UnmeasuredReason } from './tolerance/measure-prod-envelope.js';
export { MAX_TOLERANCE_N, normalToleranceFactor } from './tolerance/normal-tolerance-factor.js';
export { VerdictInputError } from './verdict-input-error.js';
