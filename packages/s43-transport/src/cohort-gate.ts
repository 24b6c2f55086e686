/** A pod whose blob failed verification (`gate --verify`): its stored checksum or its content does not hold. */
export interface CorruptPod {
  pod: string;
  reason: string;
}

/** The gate's verdict on a run's cohort (snake_case: it is persisted as `_gate.json` and printed as-is). */
export interface GateResult {
  run_id: string;
  cohort_count: number;
  expected: number;
  /**
   * Exactly the expected cohort: `cohort_count == expected` (the seed's health rule), none of the named pods
   * missing, no pod outside the named set, and, when verified, no corrupt blob. With `allow_unexpected`,
   * pods beyond the expected ones are reported but tolerated (`cohort_count >= expected`).
   */
  complete: boolean;
  /** The named pods not present (sorted), or null when no pods were named. */
  missing_pods: string[] | null;
  /** Present pods outside the named set (sorted), or null when no pods were named. */
  unexpected_pods: string[] | null;
  allow_unexpected: boolean;
  /** Whether each blob's content was checked against its stored checksum (and decoded). */
  verified: boolean;
  /** The pods whose blobs failed verification (sorted by pod), or null when not verified. */
  corrupt_pods: CorruptPod[] | null;
}

export interface GateInputs {
  /** Pods that must be present; when given, they are the expected set. */
  namedPods?: readonly string[];
  /** Tolerate pods beyond the expected ones (reported either way). */
  allowUnexpected?: boolean;
  /** Verification failures, when the blobs were verified; undefined when they were not. */
  corrupt?: readonly CorruptPod[];
}

/** Decide the gate from the pods present. Pure. */
export function decideGate(runId: string, expected: number, presentPods: readonly string[], inputs: GateInputs = {}): GateResult {
  if (!Number.isSafeInteger(expected) || expected < 0) throw new RangeError(`expected must be a non-negative integer, not ${expected}`);
  const present = new Set(presentPods);
  const named = inputs.namedPods === undefined ? null : new Set(inputs.namedPods);
  const missing = named === null ? null : [...named].filter((p) => !present.has(p)).sort();
  const unexpected = named === null ? null : [...present].filter((p) => !named.has(p)).sort();
  const allowUnexpected = inputs.allowUnexpected ?? false;
  const corrupt = inputs.corrupt === undefined ? null : [...inputs.corrupt].sort((a, b) => (a.pod < b.pod ? -1 : a.pod > b.pod ? 1 : 0));
  const countOk = allowUnexpected ? present.size >= expected : present.size === expected;
  const complete = countOk && (missing === null || missing.length === 0) && (allowUnexpected || unexpected === null || unexpected.length === 0) && (corrupt === null || corrupt.length === 0);
  return {
    run_id: runId,
    cohort_count: present.size,
    expected,
    complete,
    missing_pods: missing,
    unexpected_pods: unexpected,
    allow_unexpected: allowUnexpected,
    verified: corrupt !== null,
    corrupt_pods: corrupt,
  };
}
