/** The gate's verdict on a run's cohort (snake_case: it is persisted as `_gate.json` and printed as-is). */
export interface GateResult {
  run_id: string;
  cohort_count: number;
  expected: number;
  /** cohort_count ≥ expected and, when pods were named, none of them is missing. */
  complete: boolean;
  /** The named pods not present (sorted), or null when no pods were named. */
  missing_pods: string[] | null;
}

/** Decide the gate from the pods present. Pure. */
export function decideGate(runId: string, expected: number, presentPods: readonly string[], namedPods?: readonly string[]): GateResult {
  if (!Number.isSafeInteger(expected) || expected < 0) throw new RangeError(`expected must be a non-negative integer, not ${expected}`);
  const present = new Set(presentPods);
  const missing = namedPods === undefined ? null : [...new Set(namedPods)].filter((p) => !present.has(p)).sort();
  return {
    run_id: runId,
    cohort_count: present.size,
    expected,
    complete: present.size >= expected && (missing === null || missing.length === 0),
    missing_pods: missing,
  };
}
