/**
 * One replay's outcome as the probes see it: the metric value it produced (a number, possibly
 * non-finite, or `null` when the replay reported no value), or the error that stopped it.
 */
export type ReplayOutcome = { readonly value: number | null } | { readonly error: string };

/** The finite metric value of a replay, or `undefined` when there is none (error, null, NaN, ±Inf). */
export function finiteValueOf(outcome: ReplayOutcome): number | undefined {
  if ('error' in outcome) return undefined;
  const { value } = outcome;
  return value !== null && Number.isFinite(value) ? value : undefined;
}
