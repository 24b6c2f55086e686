import type { ReplayOutcome } from '@repro/replay-runner';
import type { ReplayContext } from '@repro/verdict-core';

/** What a replay ran, as the verdict artefact records it (`audit.replay`): command, cwd, effective knobs, build sha source. Pure. */
export function replayContextOf(outcome: ReplayOutcome): ReplayContext {
  return {
    argv: [...outcome.argv],
    cwd: outcome.cwd,
    effective_knobs: { ...outcome.effectiveKnobs },
    dropped_env: [...outcome.droppedEnv],
    build_sha_source: outcome.buildSha.source,
    build_sha_checkout: outcome.buildSha.checkout,
    build_sha_dirty: outcome.buildSha.dirty,
    pin_mode: outcome.pinMode,
  };
}
