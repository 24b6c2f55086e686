import { finiteValueOf, type ReplayOutcome } from './replay-outcome.js';

export type DeterminismStatus = 'PASS' | 'FAIL' | 'ERROR';
export type DeterminismCause = 'numeric_residue' | 'real_instability';

export interface DeterminismResult {
  readonly status: DeterminismStatus;
  /** |a − b| (saturating at Number.MAX_VALUE so it stays a JSON number); `null` when the probe errored (a value was missing, non-finite, or a replay failed). */
  readonly detDelta: number | null;
  /** Set on FAIL only: `numeric_residue` when detDelta ≤ epsNum, else `real_instability`. */
  readonly detCause: DeterminismCause | null;
}

/**
 * H1: two fresh-process replays of the same cell must produce the same metric, by IEEE-754 exact
 * equality. No canonical input. NaN, ±Infinity, a missing value or a replay error → ERROR.
 */
export function probeDeterminism(a: ReplayOutcome, b: ReplayOutcome, epsNum: number): DeterminismResult {
  const valueA = finiteValueOf(a);
  const valueB = finiteValueOf(b);
  if (valueA === undefined || valueB === undefined) return { status: 'ERROR', detDelta: null, detCause: null };
  const detDelta = Math.min(Math.abs(valueA - valueB), Number.MAX_VALUE);
  if (valueA === valueB) return { status: 'PASS', detDelta, detCause: null };
  return { status: 'FAIL', detDelta, detCause: detDelta <= epsNum ? 'numeric_residue' : 'real_instability' };
}
