import type { ObservationInput } from '@repro/verdict-core';
import { fingerprintDimensions } from './env-fingerprint.js';
import { type ReplayOutcome, replayMetric } from './replay-outcome.js';

/** One replay as verdict-core's observation takes it (`replay_a` / `replay_b` of `ObservationInput`). */
export type ObservedReplay = ObservationInput['replay_a'];

/**
 * A replay outcome as verdict-core's observation replay: `{ value, fingerprint }` for a successful
 * replay (value `null` when it did not report `metric`), `{ error: "<kind>: <message>", fingerprint }`
 * for a failed one (→ H1 ERROR → INCONCLUSIVE_TOOLING replay_error), followed by the child's stderr tail
 * (bounded, redacted) on the next lines when it wrote any. The fingerprint is the whole
 * fingerprint the child captured — its audit fields (observed knobs, thread pools, interpreter flags) are
 * kept in the verdict artefact, never compared — with the P0 dimensions normalised by
 * `fingerprintDimensions` (all missing when no result file was read). Pure.
 */
export function toObservedReplay(outcome: ReplayOutcome, metric: string, parityDims?: readonly string[]): ObservedReplay {
  const audit = Object.fromEntries(Object.entries(outcome.fingerprint ?? {}).filter(([, value]) => value !== undefined));
  const fingerprint = { ...audit, ...fingerprintDimensions(outcome.fingerprint, parityDims) } as NonNullable<ObservedReplay['fingerprint']>;
  if (!outcome.ok) {
    const tail = outcome.error.stderrTail;
    return { error: `${outcome.error.kind}: ${outcome.error.message}${tail ? `\nstderr (last lines):\n${tail}` : ''}`, fingerprint };
  }
  return { value: replayMetric(outcome, metric), fingerprint };
}
