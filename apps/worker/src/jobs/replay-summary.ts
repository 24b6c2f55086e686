import type { ReplayOutcome } from '@repro/replay-runner';

type RecordedValue = number | null | 'NaN' | 'Infinity' | '-Infinity';

function recorded(value: number | undefined): RecordedValue {
  if (value === undefined) return null;
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  return value;
}

/** What a job result says about one replay (no output tails: they could hold anything the child printed). */
export function replaySummary(outcome: ReplayOutcome, metric: string) {
  return {
    ok: outcome.ok,
    duration_ms: Math.round(outcome.durationMs),
    value: outcome.metrics ? recorded(outcome.metrics[metric]) : null,
    ...(outcome.ok ? {} : { error: { kind: outcome.error.kind, message: outcome.error.message } }),
  };
}
