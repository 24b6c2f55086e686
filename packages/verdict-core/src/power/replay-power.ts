import { z } from 'zod';
import { VerdictInputError } from '../verdict-input-error.js';

/** The default confidence of the stated power: 95 %. */
export const DEFAULT_POWER_CONFIDENCE = 0.95;

/** The power statement recorded with a verdict (snake_case, the optional `replay_power` field). */
export const replayPowerSchema = z.object({
  /** K: the number of pinned replays compared. */
  replays: z.number().int().min(2),
  confidence: z.number().gt(0).lt(1),
  /** The smallest per-run disagreement rate caught with probability >= confidence. */
  min_detectable_rate: z.number().gt(0).lte(1),
  /** One sentence stating it. */
  sentence: z.string(),
});
export type ReplayPower = z.infer<typeof replayPowerSchema>;

/**
 * The smallest per-run rate of disagreement that K replays catch with probability >= `confidence`.
 *
 * Model: replay 1 is the reference; each of the K − 1 other replays independently gives a value different
 * from it with the same probability p (the per-run disagreement rate of an intermittently
 * non-deterministic cell). H1 over K replays fails — the non-determinism is caught — iff at least one of
 * them disagrees: P_catch(p) = 1 − (1 − p)^(K−1). P_catch is increasing in p, so the smallest p with
 * P_catch(p) >= confidence is p* = 1 − (1 − confidence)^(1/(K−1)) (computed as −expm1(log1p(−c)/(K−1))).
 * K = 2 → 0.95, K = 6 → 0.451, K = 10 → 0.283, K = 30 → 0.098. Pure.
 * @throws VerdictInputError when K is not an integer >= 2 or confidence is not in (0, 1).
 */
export function minDetectableDisagreementRate(replays: number, confidence: number = DEFAULT_POWER_CONFIDENCE): number {
  if (!Number.isSafeInteger(replays) || replays < 2) throw new VerdictInputError('replays', `must be an integer >= 2, got ${replays}`);
  if (!(confidence > 0 && confidence < 1)) throw new VerdictInputError('confidence', `must be in (0, 1), got ${confidence}`);
  return -Math.expm1(Math.log1p(-confidence) / (replays - 1));
}

/** P_catch(p) = 1 − (1 − p)^(K−1): the probability that K replays catch a per-run disagreement rate p. Pure. */
export function catchProbability(replays: number, rate: number): number {
  if (!Number.isSafeInteger(replays) || replays < 2) throw new VerdictInputError('replays', `must be an integer >= 2, got ${replays}`);
  if (!(rate >= 0 && rate <= 1)) throw new VerdictInputError('rate', `must be in [0, 1], got ${rate}`);
  return -Math.expm1((replays - 1) * Math.log1p(-rate));
}

/** The power statement for K replays (see `minDetectableDisagreementRate` for the model). Pure. */
export function replayPower(replays: number, confidence: number = DEFAULT_POWER_CONFIDENCE): ReplayPower {
  const rate = minDetectableDisagreementRate(replays, confidence);
  const pct = (x: number) => `${Number((x * 100).toPrecision(3))} %`;
  return {
    replays,
    confidence,
    min_detectable_rate: rate,
    sentence: `${replays} replays catch, with ${pct(confidence)} probability, a cell whose runs disagree at a rate of ${pct(rate)} or more; rarer non-determinism can pass — raise the replay count to tighten this.`,
  };
}
