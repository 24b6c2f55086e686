import type { ReplayOutcome } from '@repro/replay-runner';

/** A replay that just finished, as progress shows it. */
export interface FinishedReplay {
  readonly label: string;
  readonly ok: boolean;
  /** The metric's value (null when the replay failed or did not report it). */
  readonly value: number | null;
  /** `<kind>: <message>` of a failed replay, else null. */
  readonly error: string | null;
  readonly duration_ms: number;
}

/** Progress of a use case's replays: `done` of `total` finished (`failed` of them failed); `last` is null at the start. */
export interface ReplayProgress {
  readonly done: number;
  readonly total: number;
  readonly failed: number;
  readonly last: FinishedReplay | null;
  /** Which replays: the verdict's K (`replays`, also when absent), the localisation's, or the one at the canonical's thread configuration. */
  readonly phase?: 'replays' | 'localize' | 'thread_check';
}

export type ProgressCallback = (progress: ReplayProgress) => void;

/** A runner outcome as progress shows it. */
export function finishedReplay(outcome: ReplayOutcome, metric: string): FinishedReplay {
  return {
    label: outcome.label,
    ok: outcome.ok,
    value: outcome.metrics !== null && Object.hasOwn(outcome.metrics, metric) ? outcome.metrics[metric]! : null,
    error: outcome.ok ? null : `${outcome.error.kind}: ${outcome.error.message}`,
    duration_ms: Math.round(outcome.durationMs),
  };
}
