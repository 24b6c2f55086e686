import type { ObservationInput } from '../schema/observation-schema.js';
import { VerdictInputError } from '../verdict-input-error.js';

type Replay = ObservationInput['replay_a'];

/** K replays folded into the two the frozen rule compares (`replay_a`, `replay_b` of an observation). */
export interface DecisivePair {
  readonly replay_a: Replay;
  readonly replay_b: Replay;
  /** Index (0-based) of the replay chosen as B. */
  readonly b_index: number;
  readonly replays: number;
}

const numeric = (replay: Replay): number | null => {
  if (!('value' in replay)) return null;
  const v = replay.value;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  return null;
};

/**
 * Folds K >= 2 replays into the pair H1 decides on, so that H1 over the pair equals H1 over all K: A is
 * replay 1; B is the first replay that errors / is missing / is non-finite (→ H1 ERROR), else the replay
 * farthest from A (→ FAIL with det_delta = max |v − a| when any differs, PASS when all are equal to A,
 * bit for bit). A itself failing keeps A as the error. Pure.
 * @throws VerdictInputError when fewer than 2 replays are given.
 */
export function decisivePair(replays: readonly Replay[]): DecisivePair {
  if (!Array.isArray(replays) || replays.length < 2) throw new VerdictInputError('replays', `needs at least 2 replays, got ${replays?.length ?? 0}`);
  const a = replays[0]!;
  const aValue = numeric(a);
  let bIndex = 1;
  if (aValue !== null) {
    const broken = replays.findIndex((r, i) => i > 0 && numeric(r) === null);
    if (broken > 0) bIndex = broken;
    else {
      let farthest = -1;
      replays.forEach((r, i) => {
        const v = numeric(r)!;
        if (i > 0 && v !== aValue && Math.abs(v - aValue) > farthest) {
          farthest = Math.abs(v - aValue);
          bIndex = i;
        }
      });
    }
  }
  return { replay_a: a, replay_b: replays[bIndex]!, b_index: bIndex, replays: replays.length };
}
