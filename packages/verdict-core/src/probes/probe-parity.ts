import { canonicalJson } from './canonical-json.js';

/**
 * A recorded value: usually a string or a JSON object (P0 dimensions), any JSON value for audit fields
 * (e.g. `hash_randomization: 0`). `null` (or absent) = not recorded.
 */
export type DimensionValue = string | number | boolean | Readonly<Record<string, unknown>> | readonly unknown[];
/** Dimension → value, as captured in the replay child (fingerprint) or persisted with a canonical run. */
export type DimensionMap = Readonly<Record<string, DimensionValue | null | undefined>>;

export type ParityState = 'equal' | 'differs' | 'unverifiable';
export type DimensionParity = 'equal' | 'differs' | 'missing';

export interface ParityResult {
  readonly state: ParityState;
  readonly dims: Readonly<Record<string, DimensionParity>>;
}

/** The P0 dimensions that are always compared unless configured otherwise. */
export const DEFAULT_PARITY_DIMS: readonly string[] = ['build_sha', 'instance_type', 'os', 'lib_versions'];
/** Compared in addition to the required dimensions when either side records them. */
export const OPTIONAL_PARITY_DIMS: readonly string[] = ['feature_versions', 'artifact_versions'];

function isRecorded(value: DimensionValue | null | undefined): value is DimensionValue {
  return value !== null && value !== undefined;
}

/** The dimensions P0 compares for this pair: the required ones plus the optional ones either side records. */
export function parityDimensions(replay: DimensionMap, canonical: DimensionMap, required: readonly string[] = DEFAULT_PARITY_DIMS): string[] {
  const dims = [...required];
  for (const dim of OPTIONAL_PARITY_DIMS) {
    if (!dims.includes(dim) && (isRecorded(replay[dim]) || isRecorded(canonical[dim]))) dims.push(dim);
  }
  return dims;
}

/**
 * P0, tri-state: compares replay A's fingerprint with the canonical run's provenance, dimension by
 * dimension (objects by canonical JSON: key order never matters). Overall `differs` if any dimension
 * differs, else `unverifiable` if any is missing on either side, else `equal`. Fingerprint fields that
 * are not P0 dimensions (observed knobs, thread pools, interpreter flags) are never compared.
 */
export function probeParity(
  replayFingerprint: DimensionMap,
  canonicalProvenance: DimensionMap,
  requiredDims: readonly string[] = DEFAULT_PARITY_DIMS,
): ParityResult {
  const dims: Record<string, DimensionParity> = {};
  for (const dim of parityDimensions(replayFingerprint, canonicalProvenance, requiredDims)) {
    const replay = replayFingerprint[dim];
    const canonical = canonicalProvenance[dim];
    if (!isRecorded(replay) || !isRecorded(canonical)) dims[dim] = 'missing';
    else dims[dim] = canonicalJson(replay) === canonicalJson(canonical) ? 'equal' : 'differs';
  }
  const states = Object.values(dims);
  const state: ParityState = states.includes('differs') ? 'differs' : states.includes('missing') ? 'unverifiable' : 'equal';
  return { state, dims };
}
