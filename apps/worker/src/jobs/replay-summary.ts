import type { ReplayOutcome } from '@repro/replay-runner';

type RecordedValue = number | null | 'NaN' | 'Infinity' | '-Infinity';

function recorded(value: number | undefined): RecordedValue {
  if (value === undefined) return null;
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  return value;
}

/**
 * What a job result says about one replay: its label, value or failure. A failure carries the child's
 * stderr tail (the runner bounds it to 40 lines / 4 KiB and redacts secrets) and, for a missing metric,
 * the metrics the child did report.
 */
export function replaySummary(outcome: ReplayOutcome, metric: string) {
  return {
    label: outcome.label,
    ok: outcome.ok,
    duration_ms: Math.round(outcome.durationMs),
    value: outcome.metrics ? recorded(outcome.metrics[metric]) : null,
    ...(outcome.ok
      ? {}
      : {
          error: {
            kind: outcome.error.kind,
            message: outcome.error.message,
            stderr_tail: outcome.error.stderrTail ?? '',
            ...(outcome.error.reportedMetrics === undefined ? {} : { reported_metrics: [...outcome.error.reportedMetrics] }),
          },
        }),
  };
}
