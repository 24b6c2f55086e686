/**
 * The use cases' own errors. Everything else they throw comes from the packages they compose
 * (ReplaySpecError, ReplayAbortedError, the store's and the object store's errors) and is passed on as is.
 */

/** An option or input is invalid; `field` names it (`n`, `parity_dims.2`, `cell`, …). Nothing has run. */
export class UseCaseInputError extends Error {
  override name = 'UseCaseInputError';
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}

/** A failed run of an eps_prod measurement (anything but a non-finite metric, which is a sample). */
export interface FailedRun {
  readonly label: string;
  readonly kind: string;
  readonly message: string;
  /** The last lines of the run's stderr (bounded, secrets redacted; empty when it wrote none). */
  readonly stderr_tail: string;
}

/** Production runs of an envelope failed (crash, timeout, not pinned as asked, …): nothing was stored. */
export class EnvelopeRunsFailedError extends Error {
  override name = 'EnvelopeRunsFailedError';
  constructor(
    readonly failed: readonly FailedRun[],
    readonly total: number,
  ) {
    super(`${failed.length} of ${total} production runs failed, nothing stored: ${failed.map((run) => `run ${run.label}: ${run.kind}: ${run.message}`).join('; ')}`);
  }
}

/** Other bytes are already stored under the verdict artefact's key: nothing was overwritten. */
export class ArtefactConflictError extends Error {
  override name = 'ArtefactConflictError';
  constructor(
    readonly key: string,
    readonly uri: string,
  ) {
    super(`${uri} already holds a different verdict artefact; nothing was overwritten`);
  }
}
