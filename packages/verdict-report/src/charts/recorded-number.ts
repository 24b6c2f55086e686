import type { RecordedReplay } from '@repro/verdict-core';

/** A replay's value as a plottable number: null for an error, a missing value, NaN or ±Infinity. */
export function recordedNumber(replay: RecordedReplay): number | null {
  if ('error' in replay) return null;
  return typeof replay.value === 'number' && Number.isFinite(replay.value) ? replay.value : null;
}
