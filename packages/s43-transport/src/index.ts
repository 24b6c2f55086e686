// Public surface of @repro/s43-transport: re-exports only.
export { arraySha256 } from './array-sha256.js';
export { writeFileAtomically } from './atomic-file.js';
export { type ByteSink, type ByteSource, memorySink, memorySource } from './byte-source.js';
export { type CorruptPod, decideGate, type GateInputs, type GateResult } from './cohort-gate.js';
export { crc32 } from './crc32.js';
export {
  DEFAULT_MAX_MEMBER_BYTES,
  DEFAULT_MAX_TOTAL_BYTES,
  type DecodedNpz,
  type DecodeNpzOptions,
  decodeNpz,
  forEachNpzFileMember,
  iterateNpz,
  readNpzFile,
  type SkippedNpzMember,
} from './decode-npz.js';
export { type EncodeNpzOptions, encodeNpz, type NpzArrays, writeNpz, writeNpzFile } from './encode-npz.js';
export { halfToNumber, numberToHalf } from './float16.js';
export { FsStore } from './fs-store.js';
export { applyLifecycleRule, type LifecycleApplyResult, type LifecycleTarget, verifyLifecycleRule } from './lifecycle.js';
export { checkLifecycleRule, type LifecycleCheck, mergeLifecycleRules, type S43LifecycleOptions, s43LifecycleRule, s43LifecycleRuleId } from './lifecycle-rule.js';
export { type NpyArray, type NpyData, type NpzMember, npyArray } from './npy-array.js';
export { type DtypeInfo, type DtypeKind, parseDtype } from './npy-dtype.js';
export { isNpyBytes, type NpyFile, readNpy, readNpyFile, writeNpy, writeNpyFile } from './npy-file.js';
export { formatNpyHeader, type NpyHeader, parseNpyHeader } from './npy-header.js';
export { npzContentDigest } from './npz-content-digest.js';
export { NpzEncodeError, type NpzErrorCode, NpzFormatError } from './npz-error.js';
export { checkObjectKey, type ObjectBlob, type ObjectStore, type PutOptions, type PutResult, type StoredObject } from './object-store.js';
export { createS3Client, type Env, InvalidS3SettingError, type S3ConnectionSettings, s3SettingsFromEnv } from './s3-client-settings.js';
export { backoffDelayMs, DEFAULT_RETRY_POLICY, isRetryableS3Error, type RetryHooks, type RetryPolicy, withRetries } from './s3-retry.js';
export { type S3Encryption, S3Store, type S3StoreOptions, SHA256_METADATA_KEY } from './s3-store.js';
export { DEFAULT_S3_TIMEOUTS, type S3Timeouts } from './s3-timeouts.js';
export {
  type AcquireOutcomeEvent,
  acquireOutcomeEventSchema,
  type GateOutcomeEvent,
  type GatePersistFailedEvent,
  gateOutcomeEventSchema,
  gatePersistFailedEventSchema,
  type PredLoadFailedEvent,
  type PredMemberSkippedEvent,
  type PredPersistFailedEvent,
  predLoadFailedEventSchema,
  predMemberSkippedEventSchema,
  predPersistFailedEventSchema,
  type S43Event,
  type S43EventSink,
  s43EventSchema,
} from './s43-events.js';
export { checkS43Id, DEFAULT_S43_PREFIX, GATE_OBJECT_NAME, gateKey, InvalidIdError, podKey, runPrefix, S43_ID_PATTERN } from './s43-ids.js';
export {
  type AcquireResult,
  type CohortEntry,
  type CohortFailure,
  type CohortMember,
  DEFAULT_MAX_IN_FLIGHT_BYTES,
  type GateOptions,
  type GateOutcome,
  PersistConflictError,
  type PersistResult,
  S43Transport,
  type S43TransportOptions,
} from './s43-transport.js';
export {
  IntegrityError,
  InvalidKeyError,
  ObjectExistsError,
  ObjectNotFoundError,
  ObjectStoreError,
  StoreAbortedError,
  type StoreCallOptions,
  StoreRequestError,
  StoreTimeoutError,
  StoreUnavailableError,
} from './store-errors.js';
export { defaultStoreUri, InvalidStoreUriError, type OpenedStore, openStore, parseStoreUri, type StoreLocation } from './store-uri.js';
