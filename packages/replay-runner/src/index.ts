// Public surface of @repro/replay-runner: re-exports only. The Node child helper is `@repro/replay-runner/child`.

export type { Localization } from '@repro/verdict-core';
export { checkPins } from './check-pins.js';
export { checkKnobsAtResult, checkThreadPools, type ObservedThreadPool, POOL_CAP_KNOB } from './check-thread-pools.js';
export { nodeChildHelperPath, pythonHelperDir } from './child-helper-paths.js';
export { type ChildResult, ChildResultSchema, childResultJsonSchema, MetricValueSchema } from './child-result.js';
export { classifyExit, type ExitFacts } from './classify-exit.js';
export { type EnvFingerprint, EnvFingerprintSchema, type FingerprintDimensions, fingerprintDimensions } from './env-fingerprint.js';
export { diagnoseStderr, FAILURE_TAIL_BYTES, FAILURE_TAIL_LINES, failureTail } from './failure-diagnosis.js';
export { buildHermeticEnv, DEFAULT_ENV_ALLOWLIST, type HermeticEnvInput, PROTOCOL_ENV } from './hermetic-env.js';
export { DEFAULT_LOCALIZATION_FACTORS, type LocalizationFactor } from './localize/localization-factors.js';
export {
  type LocalizeEvent,
  type LocalizeEventSink,
  type LocalizeFactorEvent,
  type LocalizeResultEvent,
  localizeEventSchema,
  localizeFactorEventSchema,
  localizeResultEventSchema,
} from './localize/localize-events.js';
export { type LocalizeReplayOptions, type LocalizeResult, localizeReplay } from './localize/localize-replay.js';
export { NUMERIC_ENV_VARS, numericEnvInParent } from './numeric-env.js';
export { type ObservedReplay, toObservedReplay } from './observed-replay.js';
export { type CapturedOutput, OutputTail } from './output-tail.js';
export { type ParseChildResultOptions, type ParsedChildResult, parseChildResult } from './parse-child-result.js';
export { parseJsonWithNonFinite } from './parse-json-with-non-finite.js';
export { DEFAULT_PIN, type PinConfig, requestedKnobs } from './pinned-knobs.js';
export { isProcessGroupAlive, type TerminateResult, terminateProcessGroup } from './process-group.js';
export { type ProvenanceGap, provenanceGaps } from './provenance-gaps.js';
export { ReplayAbortedError } from './replay-aborted-error.js';
export { type KnobMismatch, REPLAY_ERROR_KINDS, type ReplayError, type ReplayErrorKind } from './replay-error.js';
export {
  type ReplayEnvDroppedEvent,
  type ReplayEvent,
  type ReplayEventSink,
  type ReplayFailedEvent,
  type ReplayFinishedEvent,
  type ReplayStartedEvent,
  replayEnvDroppedEventSchema,
  replayEventSchema,
  replayFailedEventSchema,
  replayFinishedEventSchema,
  replayStartedEventSchema,
} from './replay-events.js';
export { type ReplayFailure, type ReplayOutcome, type ReplaySuccess, replayMetric } from './replay-outcome.js';
export {
  DEFAULT_MAX_OUTPUT_BYTES,
  DEFAULT_TIMEOUT_MS,
  MAX_KILL_GRACE_MS,
  type ReplaySpec,
  type ResolvedReplaySpec,
  resolveReplaySpec,
  validateReplaySpec,
} from './replay-spec.js';
export { ReplaySpecError } from './replay-spec-error.js';
export { type BuildShaResolution, type BuildShaSource, findScript, type ResolveBuildShaInput, resolveBuildSha } from './resolve-build-sha.js';
export { type RunManyOptions, type RunManyProgress, runMany } from './run-many.js';
export { type ProcessGroupResult, type ProcessGroupRun, runProcessGroup } from './run-process-group.js';
export { type RunReplayOptions, runReplay } from './run-replay.js';
export { type ReplayPair, type RunReplayPairOptions, runReplayPair } from './run-replay-pair.js';
export { type RunReplaysOptions, replayLabel, runReplays } from './run-replays.js';
export { MIN_SECRET_LENGTH, SECRET_ENV_LIST_VARIABLE, SECRET_ENV_NAME, type SecretValue, secretsOfEnvironment } from './secret-environment.js';
export { SecretRedactor } from './secret-redactor.js';
export { DEFAULT_KNOB_NAMES, DETERMINISM_FLAG_KNOBS, HASH_SEED_KNOB, THREAD_CAP_KNOBS } from './spawn-time-knobs.js';
export { pinAtThreadConfig, type ThreadConfigPin } from './thread-config-pin.js';
