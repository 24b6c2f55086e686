/** Every way a replay can fail. A failed replay is data (a `ReplayOutcome` with `error`), never a throw. */
export const REPLAY_ERROR_KINDS = [
  'spawn_failed',
  'nonzero_exit',
  'signal',
  'timeout',
  'bad_result',
  'pin_mismatch',
  'non_finite_metric',
] as const;
export type ReplayErrorKind = (typeof REPLAY_ERROR_KINDS)[number];

/**
 * One requested knob the child did not observe with the requested value — at start, at the end of the run
 * (`stage: 'at_result'`: the script changed it), or in a thread pool the child really runs
 * (`stage: 'threadpool'`, `pool` names the library, e.g. `openblas (/…/libscipy_openblas64_.so)`).
 */
export interface KnobMismatch {
  readonly knob: string;
  /** Where the mismatch was seen; absent = the start-up environment. */
  readonly stage?: 'start' | 'at_result' | 'threadpool';
  /** The thread pool (stage `threadpool`). */
  readonly pool?: string;
  readonly requested: string;
  /** What the child reported; `null` = unset in the child; `undefined` = not reported at all. */
  readonly observed: string | null | undefined;
}

export interface ReplayError {
  readonly kind: ReplayErrorKind;
  /** One line for humans: what went wrong, with the detail that matters. */
  readonly message: string;
  /** Exit code of the child (nonzero_exit), when it exited. */
  readonly exitCode?: number;
  /** Signal that ended the child (signal, timeout). */
  readonly signal?: string;
  /** Timeout that expired (timeout). */
  readonly timeoutMs?: number;
  /** Knobs the child did not observe as requested (pin_mismatch). */
  readonly mismatches?: readonly KnobMismatch[];
  /** Metric names whose value is NaN or ±Infinity (non_finite_metric). */
  readonly metrics?: readonly string[];
  /** Where the result file was wrong (bad_result): a JSON path, or `file`. */
  readonly path?: string;
  /** The OS error code (spawn_failed), e.g. ENOENT. */
  readonly code?: string;
  /** The metrics the child did report (bad_result for a missing metric). */
  readonly reportedMetrics?: readonly string[];
  /** The last lines of the child's stderr (bounded, secrets redacted), when it wrote any. */
  readonly stderrTail?: string;
}
