/** Exit codes of `repro`. Each means one thing, everywhere. */
export const EXIT = {
  OK: 0,
  /** A command failed for a reason not listed below (e.g. `sf lint` found errors). */
  FAILURE: 1,
  /** Invalid input or usage: a message names the field, file or flag. */
  INVALID_INPUT: 2,
  /** A service (database, object store) is unreachable or misconfigured. */
  SERVICE_UNAVAILABLE: 3,
  /** A write conflicts with what is stored (e.g. a different blob under an existing key). */
  CONFLICT: 4,
  NON_DETERMINISTIC: 10,
  CANONICAL_DIVERGENCE: 11,
  INCONCLUSIVE_TOOLING: 12,
  /** A cohort gate found the cohort incomplete. */
  GATE_INCOMPLETE: 13,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
